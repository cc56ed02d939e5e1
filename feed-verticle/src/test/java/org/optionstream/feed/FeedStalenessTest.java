package org.optionstream.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optionstream.common.Addresses;
import org.optionstream.common.codec.Codecs;
import org.optionstream.common.json.FeedState;
import org.optionstream.common.json.FeedStatus;

/**
 * feed.status tells the truth about data, not just the socket: STALE while an open socket carries
 * nothing in an open market, the last tick's age, and decode errors.
 */
@ExtendWith(VertxExtension.class)
class FeedStalenessTest {

  private static final long STALE_AFTER_MS = 600;
  private FeedTestSupport t;

  @BeforeEach
  void setUp(Vertx vertx) {
    Codecs.register(vertx);
    t = new FeedTestSupport(vertx);
    t.startSimulator(Map.of("SIM_TICKS_PER_SECOND", "300"));
  }

  /** Pings every 100 ms, dead after 1 s without a pong: a silence longer than that proves the pongs kept coming. */
  private void startLiveFeed() {
    t.startFeed(t.liveConfig(Map.of("FEED_STALE_AFTER_MS", Long.toString(STALE_AFTER_MS),
        "FEED_PING_INTERVAL_MS", "100", "FEED_PONG_TIMEOUT_MS", "1000")));
    t.until("live with ticks", 15_000, () -> t.sawState(FeedState.LIVE) && t.ticks.size() > 20);
  }

  private FeedStatus last() {
    return t.statuses.get(t.statuses.size() - 1);
  }

  private JsonObject query() {
    return FeedTestSupport.await(t.vertx.eventBus().<JsonObject>request(Addresses.FEED_STATUS_QUERY, new JsonObject())).body();
  }

  @Test
  void aSilentOpenSocketTurnsStaleAndBackToLiveWhenDataResumes() {
    startLiveFeed();
    assertThat(query().getLong("lastTickAgeMs")).isNotNull().isLessThan(STALE_AFTER_MS);
    t.control("POST", "/sim/control/rate?ticksPerSecond=0");
    long silentFrom = System.currentTimeMillis();
    t.until("STALE", 5_000, () -> last().state() == FeedState.STALE);
    long tookMs = System.currentTimeMillis() - silentFrom;
    assertThat(tookMs).as("within the threshold plus one check period and delivery").isLessThan(STALE_AFTER_MS + 1_000);
    FeedStatus stale = last();
    assertThat(stale.reason()).contains("no market data for").contains("market is open");
    assertThat(stale.lastTickAgeMs()).isGreaterThanOrEqualTo(STALE_AFTER_MS);
    assertThat(stale.subscribed()).isEqualTo(43);

    // silent for longer than the pong timeout: still the same socket, still STALE, the age keeps growing
    t.until("a heartbeat 1.5 s into the silence", 5_000, () -> last().lastTickAgeMs() != null && last().lastTickAgeMs() > 1_500);
    assertThat(last().state()).isEqualTo(FeedState.STALE);
    assertThat(t.stats().getLong("connections")).as("pongs answered: no reconnect").isEqualTo(1);
    assertThat(t.sawState(FeedState.RECONNECTING)).isFalse();

    int atResume = t.statuses.size();
    t.control("POST", "/sim/control/rate?ticksPerSecond=300");
    t.until("LIVE again", 5_000, () -> t.statuses.stream().skip(atResume).anyMatch(s -> s.state() == FeedState.LIVE));
    FeedStatus resumed = t.statuses.stream().skip(atResume).filter(s -> s.state() == FeedState.LIVE).findFirst().orElseThrow();
    assertThat(resumed.lastTickAgeMs()).isLessThan(STALE_AFTER_MS);
    assertThat(resumed.reason()).contains("data flowing again");
  }

  @Test
  void aClosedMarketIsQuietNotStaleUntilItOpens() {
    startLiveFeed();
    t.control("POST", "/sim/control/market?status=NORMAL_CLOSE");
    t.control("POST", "/sim/control/rate?ticksPerSecond=0");
    t.until("a heartbeat long into the silence", 10_000,
        () -> last().lastTickAgeMs() != null && last().lastTickAgeMs() > 3 * STALE_AFTER_MS);
    assertThat(t.sawState(FeedState.STALE)).as("no data is expected from a closed market").isFalse();
    assertThat(last().state()).isEqualTo(FeedState.LIVE);

    t.control("POST", "/sim/control/market?status=NORMAL_OPEN");
    t.until("STALE once the market opens and stays silent", 5_000, () -> last().state() == FeedState.STALE);
  }

  @Test
  void decodeErrorsAreCountedInFeedStatusByKind() {
    startLiveFeed();
    assertThat(query().getLong("decodeErrors")).isZero();
    t.control("POST", "/sim/control/garbage?count=30"); // 10 random, 10 truncated, 10 JSON error bodies
    t.until("a published status with decode errors", 5_000, () -> last().decodeErrors() > 0);
    t.until("every JSON error body counted", 5_000,
        () -> query().getJsonObject("decodeErrorsByKind").getLong("json_error", 0L) == 10);
    JsonObject status = query();
    JsonObject byKind = status.getJsonObject("decodeErrorsByKind");
    assertThat(byKind.fieldNames()).isSubsetOf("json_error", "protobuf", "empty");
    assertThat(byKind.getLong("protobuf")).as("most random and truncated frames are rejected").isPositive();
    assertThat(status.getLong("decodeErrors")).isEqualTo(byKind.getLong("json_error") + byKind.getLong("protobuf"))
        .isLessThanOrEqualTo(30);
    assertThat(status.getString("state")).isEqualTo("LIVE");
  }
}
