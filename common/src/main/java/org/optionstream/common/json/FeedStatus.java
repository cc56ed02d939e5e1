package org.optionstream.common.json;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.optionstream.common.time.IstTime;

/**
 * The body of {@code feed.status}: {@code {state, source, subscribed, since, lastTickAt, lastTickAgeMs,
 * reason, decodeErrors, decodeErrorsByKind}}. {@code source} says where the data comes from
 * ({@link FeedSource#wireName()}: {@code upstox} or {@code simulator}; null from a publisher that does not say).
 * {@code authError} is Upstox's answer that rejected the token ({@code {httpStatus, code, message}}) while the
 * state is {@code AUTH_REJECTED}, null otherwise; it never holds the token. {@code marketStatus} is each
 * exchange segment's status as Upstox's last {@code market_info} frame said it (e.g. {@code NSE_FO →
 * NORMAL_OPEN}; empty before the first). {@code unseenKeys} ({@code {count, sample}}) counts the keys that got no
 * data at all since they were subscribed, past the feed's threshold (Upstox ignores keys past its limits
 * silently), with the first few of them. {@code subscribed} counts instrument keys on the
 * socket; {@code since} and {@code lastTickAt} are epoch milliseconds written as IST timestamps
 * ({@code lastTickAt} null before the first tick); {@code lastTickAgeMs} is how long ago, in ms, the
 * last tick arrived when the status was made (null before the first tick); {@code reason} says why
 * the state was entered; {@code decodeErrors} counts the frames that could not be decoded since the
 * feed started, {@code decodeErrorsByKind} the same by kind (e.g. {@code protobuf}, {@code json_error}).
 * {@code replay} says what a replaying feed ({@code source} {@code replay}) plays and how far it got; null otherwise.
 */
public record FeedStatus(FeedState state, int subscribed, long sinceMs, long lastTickAtMs, String reason,
                         Long lastTickAgeMs, Map<String, Long> decodeErrorsByKind, FeedSource source,
                         AuthError authError, Map<String, String> marketStatus, UnseenKeys unseenKeys,
                         Replay replay) {

  /**
   * A replay's progress: the journal played, the source it was recorded from ({@code upstox} or {@code simulator}),
   * the speed ({@code 1}, {@code 10}, {@code max}), the replayed clock (receive time of the last record played,
   * epoch ms; 0 before the first), records played, damaged stretches skipped, and whether it reached the end.
   */
  public record Replay(String journal, String recordedSource, String speed, long positionMs, long records,
                       long damaged, boolean done) {

    public JsonObject toJson() {
      return new JsonObject().put("journal", journal).put("recordedSource", recordedSource).put("speed", speed)
          .put("position", positionMs > 0 ? IstTime.timestamp(positionMs) : null)
          .put("positionMs", positionMs > 0 ? positionMs : null)
          .put("records", records).put("damaged", damaged).put("done", done);
    }

    static Replay fromJson(JsonObject json) {
      return json == null ? null : new Replay(json.getString("journal"), json.getString("recordedSource"),
          json.getString("speed"), json.getLong("positionMs", 0L), json.getLong("records", 0L),
          json.getLong("damaged", 0L), json.getBoolean("done", false));
    }
  }

  /** A status of a feed that does not replay. */
  public FeedStatus(FeedState state, int subscribed, long sinceMs, long lastTickAtMs, String reason,
                    Long lastTickAgeMs, Map<String, Long> decodeErrorsByKind, FeedSource source,
                    AuthError authError, Map<String, String> marketStatus, UnseenKeys unseenKeys) {
    this(state, subscribed, sinceMs, lastTickAtMs, reason, lastTickAgeMs, decodeErrorsByKind, source, authError,
        marketStatus, unseenKeys, null);
  }

  /** Keys without any data since they were subscribed: how many, and the first few. */
  public record UnseenKeys(int count, List<String> sample) {

    public static final UnseenKeys NONE = new UnseenKeys(0, List.of());

    public UnseenKeys {
      sample = List.copyOf(sample);
    }

    public JsonObject toJson() {
      return new JsonObject().put("count", count).put("sample", new JsonArray(sample));
    }

    static UnseenKeys fromJson(JsonObject json) {
      if (json == null) {
        return NONE;
      }
      List<String> sample = new ArrayList<>();
      json.getJsonArray("sample", new JsonArray()).forEach(k -> sample.add(String.valueOf(k)));
      return new UnseenKeys(json.getInteger("count", 0), sample);
    }
  }

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
    marketStatus = Map.copyOf(marketStatus);
    unseenKeys = unseenKeys == null ? UnseenKeys.NONE : unseenKeys;
  }

  /** A status without tick age, decode errors or source. */
  public FeedStatus(FeedState state, int subscribed, long sinceMs, long lastTickAtMs, String reason) {
    this(state, subscribed, sinceMs, lastTickAtMs, reason, null, Map.of());
  }

  /** A status that does not say its source. */
  public FeedStatus(FeedState state, int subscribed, long sinceMs, long lastTickAtMs, String reason,
                    Long lastTickAgeMs, Map<String, Long> decodeErrorsByKind) {
    this(state, subscribed, sinceMs, lastTickAtMs, reason, lastTickAgeMs, decodeErrorsByKind, null, null, Map.of(),
        UnseenKeys.NONE);
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
        .put("authError", authError == null ? null : authError.toJson())
        .put("marketStatus", new JsonObject(new TreeMap<>(marketStatus)))
        .put("unseenKeys", unseenKeys.toJson())
        .put("replay", replay == null ? null : replay.toJson());
  }

  public static FeedStatus fromJson(JsonObject json) {
    Long lastTick = json.getLong("lastTickAtMs");
    Map<String, Long> byKind = new TreeMap<>();
    JsonObject kinds = json.getJsonObject("decodeErrorsByKind", new JsonObject());
    kinds.fieldNames().forEach(kind -> byKind.put(kind, kinds.getLong(kind)));
    String source = json.getString("source");
    Map<String, String> marketStatus = new TreeMap<>();
    JsonObject segments = json.getJsonObject("marketStatus", new JsonObject());
    segments.fieldNames().forEach(segment -> marketStatus.put(segment, segments.getString(segment)));
    return new FeedStatus(
        FeedState.valueOf(json.getString("state")),
        json.getInteger("subscribed", 0),
        json.getLong("sinceMs", 0L),
        lastTick == null ? 0L : lastTick,
        json.getString("reason"),
        json.getLong("lastTickAgeMs"),
        byKind,
        source == null ? null : FeedSource.parse(source),
        AuthError.fromJson(json.getJsonObject("authError")),
        marketStatus,
        UnseenKeys.fromJson(json.getJsonObject("unseenKeys")),
        Replay.fromJson(json.getJsonObject("replay")));
  }
}
