package org.optionstream.common.json;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * The body of {@code feed.status}: {@code {state, source, subscribed, since, lastTickAt, lastTickAgeMs,
 * reason, decodeErrors, decodeErrorsByKind}}. {@code source} says where the data comes from
 * ({@link FeedSource#wireName()}: {@code upstox} or {@code simulator}; null from a publisher that does not say).
 * {@code authError} is Upstox's answer that rejected the token ({@code {httpStatus, code, message}}) while the
 * state is {@code AUTH_REJECTED}, null otherwise; it never holds the token. {@code subscribed} counts instrument keys on the
 * socket; {@code since} and {@code lastTickAt} are epoch milliseconds written as IST timestamps
 * ({@code lastTickAt} null before the first tick); {@code lastTickAgeMs} is how long ago, in ms, the
 * last tick arrived when the status was made (null before the first tick); {@code reason} says why
 * the state was entered; {@code decodeErrors} counts the frames that could not be decoded since the
 * feed started, {@code decodeErrorsByKind} the same by kind (e.g. {@code protobuf}, {@code json_error}).
 */
public record FeedStatus(FeedState state, int subscribed, long sinceMs, long lastTickAtMs, String reason,
                         Long lastTickAgeMs, Map<String, Long> decodeErrorsByKind, FeedSource source,
                         AuthError authError) {

  /** Upstox's rejection of the access token: HTTP status, Upstox's error code (e.g. UDAPI100050) and message. */
  public record AuthError(int httpStatus, String code, String message) {

    public JsonObject toJson() {
      return new JsonObject().put("httpStatus", httpStatus).put("code", code).put("message", message);
    }

    static AuthError fromJson(JsonObject json) {
      return json == null ? null
          : new AuthError(json.getInteger("httpStatus", 0), json.getString("code"), json.getString("message"));
    }
  }

  public FeedStatus {
    decodeErrorsByKind = Map.copyOf(decodeErrorsByKind);
  }

  /** A status without tick age, decode errors or source. */
  public FeedStatus(FeedState state, int subscribed, long sinceMs, long lastTickAtMs, String reason) {
    this(state, subscribed, sinceMs, lastTickAtMs, reason, null, Map.of());
  }

  /** A status that does not say its source. */
  public FeedStatus(FeedState state, int subscribed, long sinceMs, long lastTickAtMs, String reason,
                    Long lastTickAgeMs, Map<String, Long> decodeErrorsByKind) {
    this(state, subscribed, sinceMs, lastTickAtMs, reason, lastTickAgeMs, decodeErrorsByKind, null, null);
  }

  /** Undecodable frames since start, all kinds. */
  public long decodeErrors() {
    return decodeErrorsByKind.values().stream().mapToLong(Long::longValue).sum();
  }

  public JsonObject toJson() {
    JsonObject byKind = new JsonObject();
    new TreeMap<>(decodeErrorsByKind).forEach(byKind::put);
    return new JsonObject()
        .put("state", state.name())
        .put("source", source == null ? null : source.wireName())
        .put("subscribed", subscribed)
        .put("since", IstTime.timestamp(sinceMs))
        .put("sinceMs", sinceMs)
        .put("lastTickAt", lastTickAtMs > 0 ? IstTime.timestamp(lastTickAtMs) : null)
        .put("lastTickAtMs", lastTickAtMs > 0 ? lastTickAtMs : null)
        .put("lastTickAgeMs", lastTickAgeMs)
        .put("reason", reason)
        .put("decodeErrors", decodeErrors())
        .put("decodeErrorsByKind", byKind)
        .put("authError", authError == null ? null : authError.toJson());
  }

  public static FeedStatus fromJson(JsonObject json) {
    Long lastTick = json.getLong("lastTickAtMs");
    Map<String, Long> byKind = new TreeMap<>();
    JsonObject kinds = json.getJsonObject("decodeErrorsByKind", new JsonObject());
    kinds.fieldNames().forEach(kind -> byKind.put(kind, kinds.getLong(kind)));
    String source = json.getString("source");
    return new FeedStatus(
        FeedState.valueOf(json.getString("state")),
        json.getInteger("subscribed", 0),
        json.getLong("sinceMs", 0L),
        lastTick == null ? 0L : lastTick,
        json.getString("reason"),
        json.getLong("lastTickAgeMs"),
        byKind,
        source == null ? null : FeedSource.parse(source),
        AuthError.fromJson(json.getJsonObject("authError")));
  }
}
