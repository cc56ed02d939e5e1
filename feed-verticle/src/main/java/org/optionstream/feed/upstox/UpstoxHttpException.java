package org.optionstream.feed.upstox;

/** A non-2xx answer from an Upstox REST endpoint; the message holds a short body sample, never the token. */
public final class UpstoxHttpException extends RuntimeException {

  private final int statusCode;

  public UpstoxHttpException(String endpoint, int statusCode, String bodySample) {
    super(endpoint + " answered HTTP " + statusCode + (bodySample == null || bodySample.isBlank() ? "" : ": " + bodySample),
        null, false, false);
    this.statusCode = statusCode;
  }

  public int statusCode() {
    return statusCode;
  }

  /** 401 or 403: the access token is rejected. */
  public boolean tokenRejected() {
    return statusCode == 401 || statusCode == 403;
  }
}
