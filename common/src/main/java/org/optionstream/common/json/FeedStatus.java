package org.optionstream.common.json;

import io.vertx.core.json.JsonObject;

/**
 * The body of {@code feed.status}: {@code {state, subscribed, since, lastTickAt, reason}}.
 * {@code subscribed} counts instrument keys on the socket; {@code since} and {@code lastTickAt} are
 * epoch milliseconds written as IST timestamps ({@code lastTickAt} null before the first tick);
 * {@code reason} says why the state was entered.
 */
public record FeedStatus(FeedState state, int subscribed, long sinceMs, long lastTickAtMs, String reason) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("state", state.name())
        .put("subscribed", subscribed)
        .put("since", IstTime.timestamp(sinceMs))
        .put("sinceMs", sinceMs)
        .put("lastTickAt", lastTickAtMs > 0 ? IstTime.timestamp(lastTickAtMs) : null)
        .put("lastTickAtMs", lastTickAtMs > 0 ? lastTickAtMs : null)
        .put("reason", reason);
  }

  public static FeedStatus fromJson(JsonObject json) {
    Long lastTick = json.getLong("lastTickAtMs");
    return new FeedStatus(
        FeedState.valueOf(json.getString("state")),
        json.getInteger("subscribed", 0),
        json.getLong("sinceMs", 0L),
        lastTick == null ? 0L : lastTick,
        json.getString("reason"));
  }
}
