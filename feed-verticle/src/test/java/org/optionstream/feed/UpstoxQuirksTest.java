package org.optionstream.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optionstream.common.Addresses;
import org.optionstream.common.codec.Codecs;
import org.optionstream.common.config.Env;
import org.optionstream.common.json.FeedState;
import org.optionstream.common.json.FeedStatus;
import org.optionstream.common.tick.InstrumentKind;
import org.optionstream.common.tick.Tick;
import org.optionstream.common.tick.TickSource;
import org.optionstream.feed.upstox.UpstoxStreamClient;
import org.optionstream.simulator.SimMarket;
import org.optionstream.simulator.SimulatorConfig;

/**
 * What has broken real Upstox clients, each against the simulator behaving that way: a socket upgrade
 * answered with redirects, a closed market that sends nothing but pongs, silent per-connection key
 * limits, fields a newer schema adds, and 429 with Retry-After.
 */
@ExtendWith(VertxExtension.class)
class UpstoxQuirksTest {

  private FeedTestSupport t;
  private SimpleMeterRegistry meters;
  private LogCapture logs;

  @BeforeEach
  void setUp(Vertx vertx) {
    Codecs.register(vertx);
    meters = new SimpleMeterRegistry();
    Metrics.addRegistry(meters);
    logs = new LogCapture();
    t = new FeedTestSupport(vertx);
  }

  @AfterEach
  void tearDown() {
    Metrics.removeRegistry(meters);
    logs.close();
  }

  private FeedStatus last() {
    return t.statuses.get(t.statuses.size() - 1);
  }

  private long streamTicks() {
    return t.ticks.stream().filter(x -> x.getSource() == TickSource.STREAM).count();
  }

  @Test
  void aSocketUpgradeAnsweredWithRedirectsIsFollowedAndAnEndlessOneIsRefused() {
    t.startSimulator(Map.of("SIM_TICKS_PER_SECOND", "300"));
    t.control("POST", "/sim/control/redirect?hops=" + UpstoxStreamClient.MAX_REDIRECTS);
    t.startFeed(t.liveConfig(Map.of()));
    t.until("live with ticks after 3 redirects", 15_000, () -> t.sawState(FeedState.LIVE) && streamTicks() > 20);
    assertThat(t.stats().getLong("redirectedUpgrades")).isEqualTo(UpstoxStreamClient.MAX_REDIRECTS);

    t.control("POST", "/sim/control/redirect?hops=50");
    t.control("POST", "/sim/control/drop");
    t.until("the endless redirect named", 10_000, () -> t.statuses.stream()
        .anyMatch(s -> s.reason().contains("redirected more than " + UpstoxStreamClient.MAX_REDIRECTS + " times")));
    t.control("POST", "/sim/control/redirect?hops=0");
    long endless = t.stats().getLong("redirectedUpgrades") - UpstoxStreamClient.MAX_REDIRECTS;
    assertThat(endless % (UpstoxStreamClient.MAX_REDIRECTS + 1))
        .as("each failed attempt: the first redirect and three followed ones, then it gives up").isZero();
    assertThat(endless).isPositive();
    int at = t.statuses.size();
    t.until("LIVE again", 15_000, () -> t.statuses.stream().skip(at).anyMatch(s -> s.state() == FeedState.LIVE));
  }

  /**
   * At the defaults (ping every 5 s, dead after 15 s without a pong) Upstox's closed-market minute of silence
   * is 12 pings and 4 pong timeouts; here a ping goes every 50 ms and a socket is dead after 250 ms without a
   * pong, and the silence lasts 80 pongs: 80 pings and 16 pong timeouts.
   */
  @Test
  void aClosedMarketSendsNothingButPongsAndTheFeedNeverReconnects() {
    t.startSimulator(Map.of("SIM_TICKS_PER_SECOND", "300"));
    t.startFeed(t.liveConfig(Map.of("FEED_PING_INTERVAL_MS", "50", "FEED_PONG_TIMEOUT_MS", "250",
        "FEED_STALE_AFTER_MS", "200", "FEED_STATUS_INTERVAL_MS", "200")));
    t.until("live with ticks", 15_000, () -> t.sawState(FeedState.LIVE) && streamTicks() > 20);
    assertThat(last().marketStatus()).containsEntry("NSE_FO", "NORMAL_OPEN");

    t.control("POST", "/sim/control/market?status=NORMAL_CLOSE");
    t.control("POST", "/sim/control/rate?ticksPerSecond=0");
    t.until("the closed market in feed.status", 5_000, () -> "NORMAL_CLOSE".equals(last().marketStatus().get("NSE_FO")));
    int statusesAtClose = t.statuses.size();
    double pongs = meters.counter("optionstream.feed.pongs", "source", "upstox").count();
    t.until("80 pongs into the silence", 20_000,
        () -> meters.counter("optionstream.feed.pongs", "source", "upstox").count() >= pongs + 80);

    assertThat(t.stats().getLong("connections")).as("never reconnected").isEqualTo(1);
    assertThat(t.statuses.subList(statusesAtClose, t.statuses.size()))
        .allSatisfy(s -> assertThat(s.state()).isEqualTo(FeedState.LIVE));
    JsonObject now = FeedTestSupport.await(t.vertx.eventBus().<JsonObject>request(Addresses.FEED_STATUS_QUERY,
        new JsonObject())).body();
    assertThat(now.getLong("lastTickAgeMs")).as("no data all along").isGreaterThanOrEqualTo(3_000L);
    assertThat(last().marketStatus()).containsEntry("NSE_FO", "NORMAL_CLOSE").containsEntry("NSE_INDEX", "NORMAL_CLOSE");
  }

  @Test
  void keysPastOneConnectionsLimitsAreSpreadOverTwoAndEveryKeyGetsData() {
    t.startSimulator(Map.of("SIM_TICKS_PER_SECOND", "300", "SIM_WEEKLY_EXPIRIES", "10", "RISK_FREE_RATE", "0"));
    // no carry: every window centred on the index, so each holds all 121 listed strikes (with carry the far
    // expiries' windows would run past the top listed strike and hold fewer, however far away expiry is today)
    t.startFeed(t.liveConfig(Map.of("FEED_EXPIRIES", "10", "FEED_WINDOW_POINTS", "3000",
        "UPSTOX_MAX_CONNECTIONS", "2", "RISK_FREE_RATE", "0")));
    int keys = 1 + 10 * 121 * 2; // the index, and 121 strikes x CE/PE in each of 10 expiries
    t.until("live", 20_000, () -> t.sawState(FeedState.LIVE) && last().subscribed() == keys);
    assertThat(last().reason()).contains("over 2 connections");
    JsonObject stats = t.stats();
    assertThat(stats.getInteger("openConnections")).isEqualTo(2);
    assertThat(stats.getInteger("subscribedKeys")).isEqualTo(keys);
    assertThat(stats.getInteger("silentKeys")).as("keys past a connection's limits").isZero();
    t.until("data for every key (each gets its snapshot)", 15_000,
        () -> t.ticks.stream().map(Tick::getInstrumentKey).distinct().count() == keys);
    assertThat(meters.get("optionstream.feed.connections").gauge().value()).isEqualTo(2);
  }

  @Test
  void feedSubscribeIsRefusedPastWhatTheAllowedConnectionsCarry() {
    Map<String, String> simEnv = Map.of("SIM_TICKS_PER_SECOND", "300", "SIM_WEEKLY_EXPIRIES", "10");
    t.startSimulator(simEnv);
    t.startFeed(t.liveConfig(Map.of("FEED_EXPIRIES", "8", "FEED_WINDOW_POINTS", "3000", "UPSTOX_MAX_CONNECTIONS", "1")));
    t.until("live", 20_000, () -> t.sawState(FeedState.LIVE));
    int ninth = new SimMarket(SimulatorConfig.from(new Env(simEnv)), System.currentTimeMillis())
        .underlying("NIFTY").expiries().get(8).epochDay;

    ReplyException refused = (ReplyException) FeedTestSupport.await(t.vertx.eventBus()
        .request(Addresses.FEED_SUBSCRIBE, new JsonObject().put("symbol", "NIFTY")
            .put("expiry", LocalDate.ofEpochDay(ninth).toString()))
        .transform(ar -> io.vertx.core.Future.succeededFuture(ar.cause())));
    assertThat(refused.failureCode()).isEqualTo(400);
    assertThat(refused.getMessage()).contains("need 2 connections but UPSTOX_MAX_CONNECTIONS allows 1")
        .contains("option_greeks mode exceed Upstox's limit of 2000 per connection");
    assertThat(t.stats().getInteger("openConnections")).isEqualTo(1);
    assertThat(t.stats().getInteger("silentKeys")).isZero();
  }

  @Test
  void keysASilentLimitStarvesAreReportedOnceEachAndCounted() {
    t.startSimulator(Map.of("SIM_TICKS_PER_SECOND", "300"));
    t.control("POST", "/sim/control/limits?option_greeks=10"); // a server that serves fewer keys than asked, silently
    t.startFeed(t.liveConfig(Map.of("FEED_UNSEEN_AFTER_MS", "300", "FEED_STALE_AFTER_MS", "500")));
    t.until("30 unseen keys", 15_000, () -> last().unseenKeys().count() == 30);
    assertThat(t.stats().getInteger("silentKeys")).isEqualTo(30);
    FeedStatus.UnseenKeys unseen = last().unseenKeys();
    assertThat(unseen.sample()).hasSize(UnseenKeyWatch.SAMPLE_SIZE).allMatch(k -> k.startsWith("NSE_FO|"));
    assertThat(meters.get("optionstream.feed.unseen.keys").gauge().value()).isEqualTo(30);
    int heartbeats = t.statuses.size();
    t.until("more checks", 5_000, () -> t.statuses.size() > heartbeats + 3);
    assertThat(logs.lines()).filteredOn(l -> l.startsWith("WARN") && l.contains("in the") && l.contains("since it was"
        + " subscribed")).as("one warning per key").hasSize(30);
    assertThat(last().state()).isEqualTo(FeedState.LIVE);
  }

  @Test
  void framesWithFieldsANewerSchemaAddsDecodeAndFullIsEchoedAsFullD5() {
    t.startSimulator(Map.of("SIM_TICKS_PER_SECOND", "300"));
    t.control("POST", "/sim/control/schema?newer=true");
    t.startFeed(t.liveConfig(Map.of()));
    t.until("option ticks from full and option_greeks frames", 15_000, () -> t.ticks.stream()
        .filter(x -> x.getKind() != InstrumentKind.INDEX && x.getSource() == TickSource.STREAM)
        .map(Tick::getStrike).distinct().count() >= 21);
    Tick atm = t.ticks.stream().filter(x -> x.getKind() == InstrumentKind.CALL && x.getStrike() == x.getAtmStrike()
        && x.getSource() == TickSource.STREAM).reduce((a, b) -> b).orElseThrow();
    assertThat(atm.getOpenInterest()).isPositive();
    assertThat(atm.getBidPrice()).isPositive().isLessThan(atm.getAskPrice());
    JsonObject status = FeedTestSupport.await(t.vertx.eventBus().<JsonObject>request(Addresses.FEED_STATUS_QUERY,
        new JsonObject())).body();
    assertThat(status.getLong("decodeErrors")).isZero();
    assertThat(meters.find("optionstream.feed.problems").counters()).as("problems counted")
        .allSatisfy(c -> assertThat(c.count()).isZero());
  }

  @Test
  void a429sRetryAfterHoldsEveryCallAndPollingResumesAfterIt() {
    t.startSimulator(Map.of("SIM_TICKS_PER_SECOND", "300"));
    t.startFeed(t.liveConfig(Map.of("FEED_POLL_INTERVAL_MS", "100", "FEED_BACKOFF_MAX_MS", "200")));
    t.until("live", 15_000, () -> t.sawState(FeedState.LIVE));
    t.control("POST", "/sim/control/drop?refuseMs=600000"); // socket down for good: REST polling and authorize retries
    t.until("polling", 10_000, () -> t.sawState(FeedState.POLLING));
    t.control("POST", "/sim/control/ratelimit?count=1&retryAfterSeconds=2");
    // a second call already on its way when the 429 went out gets one too (the simulator does not count it as a
    // call made during Retry-After): wait for the first, not for exactly one
    t.until("the 429 answered", 10_000, () -> t.stats().getLong("rateLimitedCalls") >= 1);
    int ticksAt429 = t.ticks.size();
    t.until("REST ticks again after the Retry-After", 10_000,
        () -> t.ticks.stream().skip(ticksAt429).anyMatch(x -> x.getSource() == TickSource.REST_POLL));
    assertThat(t.stats().getLong("callsDuringRetryAfter")).as("calls made before Retry-After had passed").isZero();
    assertThat(t.stats().getLong("rateLimitedCalls")).as("the 429, and any call already on its way").isPositive();
    assertThat(meters.counter("optionstream.feed.rest.rate.limited", "source", "upstox").count()).isPositive();
    List<String> said = new java.util.ArrayList<>(logs.lines());
    t.statuses.forEach(s -> said.add(s.reason()));
    assertThat(said).filteredOn(l -> l.contains("HTTP 429")).as("the 429, logged or in feed.status").isNotEmpty()
        .allMatch(l -> l.contains("rate limited; Retry-After 2 s"));
  }
}
