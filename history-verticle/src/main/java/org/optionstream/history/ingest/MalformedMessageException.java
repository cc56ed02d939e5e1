package org.optionstream.history.ingest;

/** A message the history stage cannot store; {@link #kind()} names the failure for counting and logging once. */
public final class MalformedMessageException extends Exception {

  private final String kind;

  public MalformedMessageException(String kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public String kind() {
    return kind;
  }
}
