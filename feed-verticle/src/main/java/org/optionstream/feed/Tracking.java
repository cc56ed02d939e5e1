package org.optionstream.feed;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optionstream.feed.plan.StrikeWindow;
import org.optionstream.feed.plan.StrikeWindows;

/**
 * What the feed tracks and how it centres and prices the forward: from the configuration when live, from the
 * journal's {@code SESSION} record when replaying, so a replay tracks exactly what the recording did.
 *
 * @param underlyings    symbols tracked at start
 * @param expiries       nearest expiries of each tracked at start
 * @param windows        option_greeks window each side of ATM, per underlying
 * @param recentreSteps  strike steps the index moves before the window re-centres
 * @param riskFreeRate   continuously compounded, fraction per year (the forward's carry)
 * @param maxConnections sockets the keys may be spread over
 * @param centreOnForward windows centred on each expiry's carry forward (true since recordings say so); journals
 *                       without the field were centred on the index, and replay as they were recorded
 */
record Tracking(List<String> underlyings, int expiries, StrikeWindows windows, double recentreSteps,
                double riskFreeRate, int maxConnections, boolean centreOnForward) {

  static Tracking of(FeedConfig config) {
    return new Tracking(config.underlyings(), config.expiries(), config.windows(), config.recentreSteps(),
        config.riskFreeRate(), config.maxConnections(), true);
  }

  /**
   * As recorded in a journal's {@code SESSION} record ({@link #toJson()}); missing fields from {@code config}.
   * Journals of one underlying with a window in points ({@code underlying}, {@code windowPoints}) read as such.
   */
  static Tracking of(JsonObject session, FeedConfig config) {
    List<String> underlyings = session.containsKey("underlyings")
        ? session.getJsonArray("underlyings").stream().map(Object::toString).toList()
        : session.containsKey("underlying") ? List.of(session.getString("underlying")) : config.underlyings();
    StrikeWindows windows = session.containsKey("windows") ? windows(session.getJsonObject("windows"))
        : session.containsKey("windowPoints") ? StrikeWindows.all(StrikeWindow.points(session.getDouble("windowPoints")))
        : config.windows();
    return new Tracking(underlyings,
        session.getInteger("expiries", config.expiries()),
        windows,
        session.getDouble("recentreSteps", config.recentreSteps()),
        session.getDouble("riskFreeRate", config.riskFreeRate()),
        session.getInteger("maxConnections", config.maxConnections()),
        "forward".equals(session.getString("centre")));
  }

  JsonObject toJson() {
    JsonObject bySymbol = new JsonObject();
    windows.bySymbol().forEach((symbol, window) -> bySymbol.put(symbol, spec(window)));
    return new JsonObject().put("underlyings", new JsonArray(underlyings)).put("expiries", expiries)
        .put("windows", new JsonObject().put("default", spec(windows.defaultWindow())).put("bySymbol", bySymbol))
        .put("recentreSteps", recentreSteps).put("riskFreeRate", riskFreeRate).put("maxConnections", maxConnections)
        .put("centre", centreOnForward ? "forward" : "index");
  }

  /** A window as {@link StrikeWindow#parse} reads it: {@code 10} (strikes) or {@code 500.0pt}. */
  private static String spec(StrikeWindow window) {
    return window.points() ? window.size() + "pt" : Long.toString((long) window.size());
  }

  private static StrikeWindows windows(JsonObject json) {
    Map<String, StrikeWindow> bySymbol = new LinkedHashMap<>();
    json.getJsonObject("bySymbol", new JsonObject()).forEach(e -> bySymbol.put(e.getKey(),
        StrikeWindow.parse(String.valueOf(e.getValue()))));
    return new StrikeWindows(StrikeWindow.parse(json.getString("default")), bySymbol);
  }
}
