package org.optionstream.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.optionstream.feed.FeedTestSupport.await;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optionstream.common.Addresses;
import org.optionstream.common.codec.Codecs;
import org.optionstream.common.config.Env;
import org.optionstream.common.json.FeedSource;
import org.optionstream.common.json.FeedState;
import org.optionstream.common.json.FeedStatus;

/**
 * FEED_SOURCE=upstox (the default) without a token: the feed connects to nothing, makes nothing up,
 * is not ready, and says why; simulated data needs FEED_SOURCE=simulator and a simulator's address.
 */
@ExtendWith(VertxExtension.class)
class FeedFailsClosedTest {

  private FeedTestSupport t;
  private LogCapture logs;
  private final AtomicInteger upstreamRequests = new AtomicInteger();
  private String upstream;

  @BeforeEach
  void setUp(Vertx vertx) {
    Codecs.register(vertx);
    logs = new LogCapture();
    t = new FeedTestSupport(vertx);
    int port = await(vertx.createHttpServer().requestHandler(req -> {
      upstreamRequests.incrementAndGet();
      req.response().setStatusCode(500).end();
    }).listen(0, "127.0.0.1")).actualPort();
    upstream = "http://127.0.0.1:" + port;
  }

  @AfterEach
  void tearDown() {
    logs.close();
  }

  @Test
  void withoutATokenTheFeedStaysStoppedNotReadyAndAsksNobodyForData() {
    t.startFeed(FeedConfig.from(new Env(Map.of("UPSTOX_API_URL", upstream,
        "UPSTOX_INSTRUMENTS_URL", upstream + "/NSE.json.gz", "FEED_STATUS_INTERVAL_MS", "20"))));
    t.until("many heartbeats", 10_000, () -> t.statuses.size() >= 10);

    assertThat(t.statuses).allSatisfy(s -> {
      assertThat(s.state()).isEqualTo(FeedState.STOPPED);
      assertThat(s.source()).isEqualTo(FeedSource.UPSTOX);
      assertThat(s.reason()).contains("no Upstox access token").contains("UPSTOX_ACCESS_TOKEN");
    });
    assertThat(upstreamRequests).as("requests to Upstox or anything else").hasValue(0);
    assertThat(t.ticks).isEmpty();
    assertThat(await(t.services.health().readiness().checkStatus()).getUp()).isFalse();
    ReplyException refused = (ReplyException) await(t.vertx.eventBus()
        .request(Addresses.FEED_SUBSCRIBE, new JsonObject().put("symbol", "NIFTY"))
        .transform(ar -> io.vertx.core.Future.succeededFuture(ar.cause())));
    assertThat(refused.failureCode()).isEqualTo(503);
    assertThat(refused.getMessage()).contains("not running").contains("no Upstox access token");
    assertThat(logs.lines()).as("the error is logged once, not per heartbeat")
        .filteredOn(l -> l.startsWith("ERROR") && l.contains("feed not started")).hasSize(1);
  }

  @Test
  void theSimulatorSourceMustBeGivenTheSimulatorsAddressAndNeverSendsTheRealToken() {
    assertThatThrownBy(() -> FeedConfig.from(new Env(Map.of("FEED_SOURCE", "simulator"))))
        .hasMessageContaining("UPSTOX_API_URL").hasMessageContaining("upstox-simulator");
    assertThatThrownBy(() -> FeedConfig.from(new Env(Map.of("FEED_SOURCE", "replay-ish"))))
        .hasMessageContaining("FEED_SOURCE must be one of [upstox, simulator, replay]");
    assertThatThrownBy(() -> FeedConfig.from(new Env(Map.of("UPSTOX_ACCESS_TOKEN", "a", "UPSTOX_ACCESS_TOKEN_FILE", "/t"))))
        .hasMessageContaining("not both");
    assertThat(FeedConfig.from(new Env(Map.of("UPSTOX_ACCESS_TOKEN", "real-one"))).source()).as("the default")
        .isEqualTo(FeedSource.UPSTOX);
    FeedConfig simulated = FeedConfig.from(new Env(Map.of("FEED_SOURCE", "SIMULATOR", "UPSTOX_ACCESS_TOKEN", "real-one",
        "UPSTOX_API_URL", upstream, "UPSTOX_INSTRUMENTS_URL", upstream + "/NSE.json.gz")));
    assertThat(simulated.source()).isEqualTo(FeedSource.SIMULATOR);
    assertThat(simulated.toString()).doesNotContain("real-one");
    FeedStatus none = FeedStatus.fromJson(new FeedStatus(FeedState.LIVE, 1, 1L, 0, "r").toJson());
    assertThat(none.source()).isNull();
  }

  @Test
  void theSimulatorIsShownAStandInTokenNeverTheRealOne() {
    t.startSimulator(Map.of());
    t.control("POST", "/sim/control/token?accept=" + FeedConfig.SIMULATOR_TOKEN); // any other token: 401
    t.startFeed(FeedConfig.from(new Env(Map.of("FEED_SOURCE", "simulator", "UPSTOX_ACCESS_TOKEN", "real-one",
        "UPSTOX_API_URL", t.simulator.baseUrl(), "UPSTOX_INSTRUMENTS_URL", t.simulator.instrumentsUrl()))));
    t.until("LIVE", 15_000, () -> t.sawState(FeedState.LIVE));
    assertThat(t.stats().getLong("rejectedAuthorizations")).isZero();
    assertThat(t.statuses).allMatch(s -> s.source() == FeedSource.SIMULATOR);
  }
}
