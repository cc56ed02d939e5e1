package org.optionstream.feed;

import org.optionstream.common.config.Env;
import org.optionstream.feed.sim.SimulatorConfig;

/**
 * The feed's configuration, read once from the environment.
 *
 * @param accessToken        {@code UPSTOX_ACCESS_TOKEN}: set = live Upstox, unset = built-in simulator.
 *                           Never logged: {@link #toString()} masks it.
 * @param apiUrl             {@code UPSTOX_API_URL}: REST base (authorize, option chain, LTP); in simulator
 *                           mode the simulator's own base URL replaces it
 * @param instrumentsUrl     {@code UPSTOX_INSTRUMENTS_URL}: the gzipped NSE master file
 * @param underlying         {@code UNDERLYING}: symbol tracked at start (default NIFTY)
 * @param expiries           {@code FEED_EXPIRIES}: how many nearest expiries of it to track at start (default 1)
 * @param windowPoints       {@code FEED_WINDOW_POINTS}: option_greeks window, index points each side of ATM (default 500)
 * @param recentreSteps      {@code FEED_RECENTRE_STEPS}: re-centre once the index is this many strike steps
 *                           away from the current ATM (default 1.0: past the next strike; hysteresis against flapping)
 * @param riskFreeRate       {@code RISK_FREE_RATE}: continuously compounded, fraction per year (default 0.10)
 * @param pollIntervalMs     {@code FEED_POLL_INTERVAL_MS}: REST option-chain poll period while the socket is down
 * @param backoffInitialMs   {@code FEED_BACKOFF_INITIAL_MS}: first reconnect delay ceiling (default 250 ms)
 * @param backoffMaxMs       {@code FEED_BACKOFF_MAX_MS}: reconnect delay cap (default 30 000 ms)
 * @param authRejectedBackoffMs {@code FEED_AUTH_REJECTED_BACKOFF_MS}: first delay after HTTP 401/403 (default 60 000 ms),
 *                           doubling up to 16× that
 * @param pingIntervalMs     {@code FEED_PING_INTERVAL_MS}: WebSocket ping period (default 5 000 ms)
 * @param pongTimeoutMs      {@code FEED_PONG_TIMEOUT_MS}: socket declared dead after this long without a pong (default 15 000 ms)
 * @param statusIntervalMs   {@code FEED_STATUS_INTERVAL_MS}: feed.status heartbeat period (default 5 000 ms)
 * @param staleAfterMs       {@code FEED_STALE_AFTER_MS}: a live socket with the market open and no tick for this
 *                           long is reported {@code STALE} (default 5 000 ms)
 * @param simulator          simulator settings ({@code SIM_*}), used only without a token
 */
public record FeedConfig(
    String accessToken,
    String apiUrl,
    String instrumentsUrl,
    String underlying,
    int expiries,
    double windowPoints,
    double recentreSteps,
    double riskFreeRate,
    long pollIntervalMs,
    long backoffInitialMs,
    long backoffMaxMs,
    long authRejectedBackoffMs,
    long pingIntervalMs,
    long pongTimeoutMs,
    long statusIntervalMs,
    long staleAfterMs,
    SimulatorConfig simulator) {

  public static final String DEFAULT_API_URL = "https://api.upstox.com";
  public static final String DEFAULT_INSTRUMENTS_URL =
      "https://assets.upstox.com/market-quote/instruments/exchange/NSE.json.gz";
  /** The bearer token the feed presents to its own simulator (the simulator accepts any non-blank token). */
  public static final String SIMULATOR_TOKEN = "simulator";

  public FeedConfig {
    if (expiries < 1) {
      throw new IllegalArgumentException("FEED_EXPIRIES must be at least 1, got " + expiries);
    }
    if (windowPoints < 0) {
      throw new IllegalArgumentException("FEED_WINDOW_POINTS must not be negative, got " + windowPoints);
    }
    if (recentreSteps < 0.5) {
      throw new IllegalArgumentException("FEED_RECENTRE_STEPS must be at least 0.5 (half a strike), got " + recentreSteps);
    }
    if (pollIntervalMs < 100 || backoffInitialMs < 1 || backoffMaxMs < backoffInitialMs || pingIntervalMs < 10
        || pongTimeoutMs <= pingIntervalMs || authRejectedBackoffMs < 1 || statusIntervalMs < 10 || staleAfterMs < 100) {
      throw new IllegalArgumentException("inconsistent feed timings: " + this);
    }
  }

  public static FeedConfig from(Env env) {
    return new FeedConfig(
        env.raw("UPSTOX_ACCESS_TOKEN"),
        env.string("UPSTOX_API_URL", DEFAULT_API_URL),
        env.string("UPSTOX_INSTRUMENTS_URL", DEFAULT_INSTRUMENTS_URL),
        env.string("UNDERLYING", "NIFTY"),
        env.integer("FEED_EXPIRIES", 1),
        env.decimal("FEED_WINDOW_POINTS", 500),
        env.decimal("FEED_RECENTRE_STEPS", 1.0),
        env.decimal("RISK_FREE_RATE", 0.10),
        env.longValue("FEED_POLL_INTERVAL_MS", 2_000),
        env.longValue("FEED_BACKOFF_INITIAL_MS", 250),
        env.longValue("FEED_BACKOFF_MAX_MS", 30_000),
        env.longValue("FEED_AUTH_REJECTED_BACKOFF_MS", 60_000),
        env.longValue("FEED_PING_INTERVAL_MS", 5_000),
        env.longValue("FEED_PONG_TIMEOUT_MS", 15_000),
        env.longValue("FEED_STATUS_INTERVAL_MS", 5_000),
        env.longValue("FEED_STALE_AFTER_MS", 5_000),
        SimulatorConfig.from(env));
  }

  /** True when no token is configured: the feed starts and uses its own simulator. */
  public boolean simulated() {
    return accessToken == null;
  }

  /** The same settings pointing at another REST base and master file (the simulator's). */
  public FeedConfig withEndpoints(String newApiUrl, String newInstrumentsUrl) {
    return new FeedConfig(accessToken, newApiUrl, newInstrumentsUrl, underlying, expiries, windowPoints, recentreSteps,
        riskFreeRate, pollIntervalMs, backoffInitialMs, backoffMaxMs, authRejectedBackoffMs, pingIntervalMs,
        pongTimeoutMs, statusIntervalMs, staleAfterMs, simulator);
  }

  /** The token the client presents: the configured one, or the simulator's. */
  public String bearerToken() {
    return accessToken != null ? accessToken : SIMULATOR_TOKEN;
  }

  @Override
  public String toString() {
    return "FeedConfig[token=" + (accessToken == null ? "unset (simulator)" : "***") + ", apiUrl=" + apiUrl
        + ", instrumentsUrl=" + instrumentsUrl + ", underlying=" + underlying + ", expiries=" + expiries
        + ", windowPoints=" + windowPoints + ", recentreSteps=" + recentreSteps + ", riskFreeRate=" + riskFreeRate
        + ", pollIntervalMs=" + pollIntervalMs + ", backoffInitialMs=" + backoffInitialMs + ", backoffMaxMs="
        + backoffMaxMs + ", authRejectedBackoffMs=" + authRejectedBackoffMs + ", pingIntervalMs=" + pingIntervalMs
        + ", pongTimeoutMs=" + pongTimeoutMs + ", statusIntervalMs=" + statusIntervalMs + ", staleAfterMs=" + staleAfterMs
        + ", simulator=" + simulator + "]";
  }
}
