package org.optionstream.feed.upstox;

/** A frame that is not a {@code FeedResponse}; {@link #kind()} names the metric tag and the log-once bucket. */
public final class FrameDecodeException extends Exception {

  private final String kind;
  private final String sample;

  public FrameDecodeException(String kind, String sample, Throwable cause) {
    super(kind + ": " + sample, cause, false, false);
    this.kind = kind;
    this.sample = sample;
  }

  /** {@code empty}, {@code json_error} (an error body instead of protobuf) or {@code protobuf}. */
  public String kind() {
    return kind;
  }

  /** A short, printable sample of the frame (at most ~120 characters). */
  public String sample() {
    return sample;
  }
}
