package org.optionstream.feed.upstox;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A non-2xx answer from an Upstox REST endpoint; the message holds a short body sample, never the
 * token. Upstox's own error ({@code {"status":"error","errors":[{"errorCode","message"}]}}), when the
 * body carries one, is kept apart: {@link #upstoxCode()} and {@link #upstoxMessage()}.
 */
public final class UpstoxHttpException extends RuntimeException {

  private final int statusCode;
  private final String upstoxCode;
  private final String upstoxMessage;

  public UpstoxHttpException(String endpoint, int statusCode, String bodySample) {
    this(endpoint, statusCode, bodySample, null, null);
  }

  private UpstoxHttpException(String endpoint, int statusCode, String bodySample, String upstoxCode, String upstoxMessage) {
    super(endpoint + " answered HTTP " + statusCode + (bodySample == null || bodySample.isBlank() ? "" : ": " + bodySample),
        null, false, false);
    this.statusCode = statusCode;
    this.upstoxCode = upstoxCode;
    this.upstoxMessage = upstoxMessage;
  }

  /**
   * The exception for an error answer whose body is {@code body}: the body's first 200 characters (the
   * tokens removed before it is cut, so no partial token survives) and Upstox's error code and message.
   */
  static UpstoxHttpException of(String endpoint, int statusCode, String body, Redactor redactor) {
    String clean = body == null ? "" : redactor.redact(body);
    String sample = clean.length() <= 200 ? clean : clean.substring(0, 197) + "...";
    JsonObject first = firstError(clean);
    String code = first == null ? null : first.getString("errorCode", first.getString("error_code"));
    String message = first == null ? null : first.getString("message");
    return new UpstoxHttpException(endpoint, statusCode, sample, code, message);
  }

  private static JsonObject firstError(String body) {
    try {
      JsonArray errors = new JsonObject(body).getJsonArray("errors");
      return errors != null && !errors.isEmpty() && errors.getValue(0) instanceof JsonObject e ? e : null;
    } catch (RuntimeException notUpstoxsError) {
      return null;
    }
  }

  public int statusCode() {
    return statusCode;
  }

  /** Upstox's error code (e.g. {@code UDAPI100050}), or null when the body carried none. */
  public String upstoxCode() {
    return upstoxCode;
  }

  /** Upstox's error message, or null when the body carried none. */
  public String upstoxMessage() {
    return upstoxMessage;
  }

  /** 401 or 403: the access token is rejected. */
  public boolean tokenRejected() {
    return statusCode == 401 || statusCode == 403;
  }
}
