package org.optionstream.feed;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.optionstream.common.config.Env;
import org.optionstream.common.json.FeedSource;
import org.optionstream.feed.plan.StrikeWindow;
import org.optionstream.feed.plan.StrikeWindows;
import org.optionstream.common.config.RiskFreeRate;

/**
 * The feed's configuration, read once from the environment.
 *
 * @param source             {@code FEED_SOURCE}: {@code upstox} (default: real market data, a token is required
 *                           and nothing else is ever used in its place), {@code simulator} (an upstox-simulator
 *                           at {@code UPSTOX_API_URL}; every status says the data is simulated) or {@code replay}
 *                           (a recorded journal, {@code FEED_REPLAY_*}; nothing is fetched from anywhere)
 * @param accessToken        {@code UPSTOX_ACCESS_TOKEN}: Upstox's access token (null when unset; never sent
 *                           to a simulator). Never logged: {@link #toString()} masks it.
 * @param accessTokenFile    {@code UPSTOX_ACCESS_TOKEN_FILE}: a file holding the token instead (a mounted Secret),
 *                           read again every {@code tokenCheckMs} and after every HTTP 401/403, so a rotated
 *                           token takes effect without a restart (null when unset; not both)
 * @param tokenCheckMs       {@code FEED_TOKEN_CHECK_MS}: how often the token file is read again (default 5 000 ms)
 * @param apiUrl             {@code UPSTOX_API_URL}: REST base (authorize, option chain, LTP); with
 *                           {@code FEED_SOURCE=simulator} it must be set, to the simulator's address
 * @param instrumentsUrl     {@code UPSTOX_INSTRUMENTS_URL}: the gzipped master file of NSE and BSE (Upstox's
 *                           {@code complete.json.gz}; with the simulator: its {@code /instruments/complete.json.gz},
 *                           which must be set too)
 * @param underlyings        {@code UNDERLYINGS}: comma-separated symbols tracked at start (default NIFTY, BANKNIFTY,
 *                           FINNIFTY, MIDCPNIFTY, SENSEX; {@code UNDERLYING}, one symbol, is read when it is unset)
 * @param expiries           {@code FEED_EXPIRIES}: how many nearest expiries of each to track at start (default 3)
 * @param windows            option_greeks window each side of ATM: {@code FEED_WINDOW_STRIKES} strikes (default 10,
 *                           21 strikes in all whatever the index's strike step), or {@code FEED_WINDOW_POINTS} index
 *                           points when that is set; {@code FEED_WINDOWS} (e.g. {@code NIFTY=500pt,BANKNIFTY=12})
 *                           sets single underlyings apart
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
 * @param statusIntervalMs   {@code FEED_STATUS_INTERVAL_MS}: feed.status heartbeat period (default 2 000 ms; a gateway
 *                           that hears none for {@code GATEWAY_DEAF_AFTER_MS} while the feed answers is not ready)
 * @param staleAfterMs       {@code FEED_STALE_AFTER_MS}: a live socket with the market open and no tick for this
 *                           long is reported {@code STALE} (default 5 000 ms)
 * @param maxConnections     {@code UPSTOX_MAX_CONNECTIONS}: market-data sockets Upstox allows this user (2 on the
 *                           normal plan, 5 on Plus; default 2): the keys are spread over up to this many, each within
 *                           Upstox's per-connection limits, and {@code feed.subscribe} past them is refused
 * @param unseenAfterMs      {@code FEED_UNSEEN_AFTER_MS}: a key with no data this long after it was subscribed is
 *                           reported in {@code unseenKeys} (default 10 000 ms; Upstox sends a snapshot at once)
 * @param recording          recording of the raw input ({@code FEED_RECORD_DIR}, {@code FEED_RECORD},
 *                           {@code FEED_RECORD_RETENTION_DAYS}); always off with {@code FEED_SOURCE=replay}
 * @param replay             what {@code FEED_SOURCE=replay} plays ({@code FEED_REPLAY_*}); null otherwise
 */
public record FeedConfig(
    FeedSource source,
    String accessToken,
    String accessTokenFile,
    long tokenCheckMs,
    String apiUrl,
    String instrumentsUrl,
    List<String> underlyings,
    int expiries,
    StrikeWindows windows,
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
    int maxConnections,
    long unseenAfterMs,
    RecordingConfig recording,
    ReplayConfig replay) {

  public static final String DEFAULT_API_URL = "https://api.upstox.com";
  public static final String DEFAULT_INSTRUMENTS_URL =
      "https://assets.upstox.com/market-quote/instruments/exchange/complete.json.gz";
  /** The underlyings tracked when {@code UNDERLYINGS} is not set: India's five index-option markets. */
  public static final String DEFAULT_UNDERLYINGS = "NIFTY,BANKNIFTY,FINNIFTY,MIDCPNIFTY,SENSEX";
  /** The bearer token the feed presents to a simulator (it accepts any non-blank token; a real one never goes there). */
  public static final String SIMULATOR_TOKEN = "simulator";

  public FeedConfig {
    if (source == FeedSource.REPLAY && replay == null) {
      throw new IllegalArgumentException("FEED_SOURCE=replay needs FEED_REPLAY_PATH: a journal file or a directory of them"
          + " (./run.sh --replay <journal>)");
    }
    if (source != FeedSource.REPLAY) {
      replay = null;
    } else {
      recording = RecordingConfig.OFF;
    }
    if (source == FeedSource.SIMULATOR && (DEFAULT_API_URL.equals(apiUrl) || DEFAULT_INSTRUMENTS_URL.equals(instrumentsUrl))) {
      throw new IllegalArgumentException("FEED_SOURCE=simulator needs UPSTOX_API_URL and UPSTOX_INSTRUMENTS_URL pointing at"
          + " an upstox-simulator (./run.sh sets both); it never talks to Upstox itself");
    }
    if (accessToken != null && accessTokenFile != null) {
      throw new IllegalArgumentException("set UPSTOX_ACCESS_TOKEN or UPSTOX_ACCESS_TOKEN_FILE, not both");
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("UPSTOX_MAX_CONNECTIONS must be at least 1, got " + maxConnections);
    }
    if (unseenAfterMs < 10) {
      throw new IllegalArgumentException("FEED_UNSEEN_AFTER_MS must be at least 10, got " + unseenAfterMs);
    }
    if (tokenCheckMs < 10) {
      throw new IllegalArgumentException("FEED_TOKEN_CHECK_MS must be at least 10, got " + tokenCheckMs);
    }
    if (expiries < 1) {
      throw new IllegalArgumentException("FEED_EXPIRIES must be at least 1, got " + expiries);
    }
    underlyings = List.copyOf(underlyings);
    if (underlyings.isEmpty()) {
      throw new IllegalArgumentException("UNDERLYINGS must name at least one underlying");
    }
    if (recentreSteps < 0.5) {
      throw new IllegalArgumentException("FEED_RECENTRE_STEPS must be at least 0.5 (half a strike), got " + recentreSteps);
    }
    if (pollIntervalMs < 100 || backoffInitialMs < 1 || backoffMaxMs < backoffInitialMs || pingIntervalMs < 10
        || pongTimeoutMs <= pingIntervalMs || authRejectedBackoffMs < 1 || statusIntervalMs < 10 || staleAfterMs < 100) {
      throw new IllegalArgumentException("inconsistent feed timings (ms): poll " + pollIntervalMs + ", back-off "
          + backoffInitialMs + ".." + backoffMaxMs + ", after 401/403 " + authRejectedBackoffMs + ", ping " + pingIntervalMs
          + ", pong timeout " + pongTimeoutMs + ", status " + statusIntervalMs + ", stale after " + staleAfterMs);
    }
  }

  public static FeedConfig from(Env env) {
    return new FeedConfig(
        FeedSource.parse(env.string("FEED_SOURCE", FeedSource.UPSTOX.wireName())),
        env.raw("UPSTOX_ACCESS_TOKEN"),
        env.raw("UPSTOX_ACCESS_TOKEN_FILE"),
        env.longValue("FEED_TOKEN_CHECK_MS", 5_000),
        env.string("UPSTOX_API_URL", DEFAULT_API_URL),
        env.string("UPSTOX_INSTRUMENTS_URL", DEFAULT_INSTRUMENTS_URL),
        underlyings(env),
        env.integer("FEED_EXPIRIES", 3),
        StrikeWindows.parse(env.raw("FEED_WINDOW_POINTS") != null
            ? StrikeWindow.points(env.decimal("FEED_WINDOW_POINTS", 500))
            : StrikeWindow.strikes(env.integer("FEED_WINDOW_STRIKES", 10)), env.raw("FEED_WINDOWS")),
        env.decimal("FEED_RECENTRE_STEPS", 1.0),
        RiskFreeRate.from(env),
        env.longValue("FEED_POLL_INTERVAL_MS", 2_000),
        env.longValue("FEED_BACKOFF_INITIAL_MS", 250),
        env.longValue("FEED_BACKOFF_MAX_MS", 30_000),
        env.longValue("FEED_AUTH_REJECTED_BACKOFF_MS", 60_000),
        env.longValue("FEED_PING_INTERVAL_MS", 5_000),
        env.longValue("FEED_PONG_TIMEOUT_MS", 15_000),
        env.longValue("FEED_STATUS_INTERVAL_MS", 2_000),
        env.longValue("FEED_STALE_AFTER_MS", 5_000),
        env.integer("UPSTOX_MAX_CONNECTIONS", 2),
        env.longValue("FEED_UNSEEN_AFTER_MS", 10_000),
        RecordingConfig.from(env),
        ReplayConfig.from(env));
  }

  private static List<String> underlyings(Env env) {
    String list = env.raw("UNDERLYINGS") != null ? env.raw("UNDERLYINGS") : env.string("UNDERLYING", DEFAULT_UNDERLYINGS);
    return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .map(s -> s.toUpperCase(Locale.ROOT)).distinct().toList();
  }

  @Override
  public String toString() {
    return "FeedConfig[source=" + source.wireName() + ", token=" + (accessToken == null ? "unset" : "***")
        + ", tokenFile=" + accessTokenFile + ", tokenCheckMs=" + tokenCheckMs + ", apiUrl=" + apiUrl
        + ", instrumentsUrl=" + instrumentsUrl + ", underlyings=" + underlyings + ", expiries=" + expiries
        + ", windows=" + windows + ", recentreSteps=" + recentreSteps + ", riskFreeRate=" + riskFreeRate
        + ", pollIntervalMs=" + pollIntervalMs + ", backoffInitialMs=" + backoffInitialMs + ", backoffMaxMs="
        + backoffMaxMs + ", authRejectedBackoffMs=" + authRejectedBackoffMs + ", pingIntervalMs=" + pingIntervalMs
        + ", pongTimeoutMs=" + pongTimeoutMs + ", statusIntervalMs=" + statusIntervalMs + ", staleAfterMs=" + staleAfterMs
        + ", maxConnections=" + maxConnections + ", unseenAfterMs=" + unseenAfterMs + ", recording=" + recording
        + ", replay=" + replay + "]";
  }
}
