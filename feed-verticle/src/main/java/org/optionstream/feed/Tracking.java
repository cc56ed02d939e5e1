package org.optionstream.feed;

import io.vertx.core.json.JsonObject;

/**
 * What the feed tracks and how it centres and prices the forward: from the configuration when live, from the
 * journal's {@code SESSION} record when replaying, so a replay tracks exactly what the recording did.
 *
 * @param underlying     symbol tracked at start
 * @param expiries       nearest expiries of it tracked at start
 * @param windowPoints   option_greeks window, index points each side of ATM
 * @param recentreSteps  strike steps the index moves before the window re-centres
 * @param riskFreeRate   continuously compounded, fraction per year (the forward's carry)
 * @param maxConnections sockets the keys may be spread over
 */
record Tracking(String underlying, int expiries, double windowPoints, double recentreSteps, double riskFreeRate,
                int maxConnections) {

  static Tracking of(FeedConfig config) {
    return new Tracking(config.underlying(), config.expiries(), config.windowPoints(), config.recentreSteps(),
        config.riskFreeRate(), config.maxConnections());
  }

  /** As recorded in a journal's {@code SESSION} record ({@link #toJson()}); missing fields from {@code config}. */
  static Tracking of(JsonObject session, FeedConfig config) {
    return new Tracking(session.getString("underlying", config.underlying()),
        session.getInteger("expiries", config.expiries()),
        session.getDouble("windowPoints", config.windowPoints()),
        session.getDouble("recentreSteps", config.recentreSteps()),
        session.getDouble("riskFreeRate", config.riskFreeRate()),
        session.getInteger("maxConnections", config.maxConnections()));
  }

  JsonObject toJson() {
    return new JsonObject().put("underlying", underlying).put("expiries", expiries).put("windowPoints", windowPoints)
        .put("recentreSteps", recentreSteps).put("riskFreeRate", riskFreeRate).put("maxConnections", maxConnections);
  }
}
