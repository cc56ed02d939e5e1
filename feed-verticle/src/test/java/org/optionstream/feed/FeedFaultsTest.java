package org.optionstream.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optionstream.common.codec.Codecs;
import org.optionstream.common.json.FeedState;
import org.optionstream.common.json.FeedStatus;
import org.optionstream.common.tick.InstrumentKind;
import org.optionstream.common.tick.Tick;
import org.optionstream.common.tick.TickSource;

/** Socket faults against a simulator: drop, REST polling, stall, garbage, 401, graceful stop. */
@ExtendWith(VertxExtension.class)
class FeedFaultsTest {

  private FeedTestSupport t;

  @BeforeEach
  void setUp(Vertx vertx) {
    Codecs.register(vertx);
    t = new FeedTestSupport(vertx);
    t.startSimulator(Map.of("SIM_TICKS_PER_SECOND", "300"));
  }

  private long streamTicks() {
    return t.ticks.stream().filter(x -> x.getSource() == TickSource.STREAM).count();
  }

  @Test
  void reconnectsAfterTheServerKillsTheSocketAndResubscribesEverything() {
    t.startFeed(t.liveConfig(Map.of()));
    t.until("live with ticks", 15_000, () -> t.sawState(FeedState.LIVE) && streamTicks() > 50);
    int keysBefore = t.stats().getInteger("subscribedKeys");
    assertThat(keysBefore).isEqualTo(43);

    // refuse new sockets and authorize for 700 ms: several back-off attempts must fail first
    t.control("POST", "/sim/control/drop?refuseMs=700");
    t.until("RECONNECTING", 5_000, () -> t.sawState(FeedState.RECONNECTING));
    int statusesAtDrop = t.statuses.size();
    t.until("LIVE again", 15_000, () -> t.statuses.size() > statusesAtDrop
        && t.statuses.get(t.statuses.size() - 1).state() == FeedState.LIVE);
    long ticksAtReconnect = streamTicks();
    t.until("stream ticks resume", 10_000, () -> streamTicks() > ticksAtReconnect + 50);

    JsonObject stats = t.stats();
    assertThat(stats.getLong("connections")).isEqualTo(2);
    assertThat(stats.getInteger("openConnections")).isEqualTo(1);
    assertThat(stats.getInteger("subscribedKeys")).isEqualTo(keysBefore);
    assertThat(stats.getLong("rejectedAuthorizations")).as("retries while refused").isGreaterThanOrEqualTo(1);
    // back-off observed: status reasons say "retry N in X ms"; X lies in [c/2, c], c = min(cap, initial·2^(N-1))
    java.util.regex.Pattern retry = java.util.regex.Pattern.compile("retry (\\d+) in (\\d+) ms");
    List<long[]> attempts = t.statuses.stream().map(FeedStatus::reason).map(retry::matcher)
        .filter(java.util.regex.Matcher::find)
        .map(m -> new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))}).distinct().toList();
    assertThat(attempts).as("at least two attempts while refused").hasSizeGreaterThanOrEqualTo(2);
    assertThat(attempts.get(0)[0]).isEqualTo(1);
    assertThat(attempts.get(0)[1]).as("first retry well under 1 s").isBetween(50L, 100L);
    for (long[] a : attempts) {
      long ceiling = Math.min(1000, 100L << (a[0] - 1));
      assertThat(a[1]).as("delay of attempt %d", a[0]).isBetween(ceiling / 2, ceiling);
    }
  }

  @Test
  void restPollingTakesOverWhileTheSocketIsDownAndStopsWhenItIsBack() {
    t.startFeed(t.liveConfig(Map.of("FEED_POLL_INTERVAL_MS", "150")));
    t.until("live", 15_000, () -> t.sawState(FeedState.LIVE) && streamTicks() > 20);
    t.control("POST", "/sim/control/drop?refuseMs=2500");
    t.until("POLLING status", 10_000, () -> t.sawState(FeedState.POLLING));
    t.until("REST ticks for options and the index", 10_000, () -> t.ticks.stream()
        .filter(x -> x.getSource() == TickSource.REST_POLL).map(Tick::getKind).distinct().count() == 3);
    Tick polled = t.ticks.stream().filter(x -> x.getSource() == TickSource.REST_POLL && x.getKind() == InstrumentKind.CALL)
        .findFirst().orElseThrow();
    assertThat(polled.getOpenInterest()).isPositive();
    assertThat(polled.getPrevOpenInterest()).isPositive();
    assertThat(polled.getUnderlyingPrice()).isPositive();
    assertThat(polled.getForward()).isPositive();
    assertThat(polled.getAtmStrike()).isPositive();

    int statusesAtPoll = t.statuses.size();
    t.until("LIVE again", 20_000, () -> t.statuses.stream().skip(statusesAtPoll).anyMatch(s -> s.state() == FeedState.LIVE));
    int liveIndex = t.ticks.size();
    long streamAtLive = streamTicks();
    t.until("stream resumes", 10_000, () -> streamTicks() > streamAtLive + 200);
    // every poll answered after LIVE is discarded: no REST tick after the stream is back
    List<Tick> received = List.copyOf(t.ticks); // a snapshot: ticks keep arriving while we look
    assertThat(received.subList(liveIndex, received.size())).noneMatch(x -> x.getSource() == TickSource.REST_POLL);
  }

  @Test
  void aStalledServerWithoutPongsIsDeclaredDeadAndReplaced() {
    t.startFeed(t.liveConfig(Map.of("FEED_PING_INTERVAL_MS", "100", "FEED_PONG_TIMEOUT_MS", "500")));
    t.until("live", 15_000, () -> t.sawState(FeedState.LIVE) && streamTicks() > 20);
    t.control("POST", "/sim/control/stall?ms=3000");
    t.until("declared dead", 10_000, () -> t.statuses.stream().anyMatch(s -> s.reason().contains("no pong")));
    t.until("second connection", 10_000, () -> t.stats().getLong("connections") == 2);
    long at = streamTicks();
    t.until("ticks resume on the new socket", 10_000, () -> streamTicks() > at + 50);
  }

  @Test
  void garbageFramesAreCountedNeverFatal() {
    var meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    io.micrometer.core.instrument.Metrics.addRegistry(meters);
    try {
      garbage(meters);
    } finally {
      io.micrometer.core.instrument.Metrics.removeRegistry(meters);
    }
  }

  private void garbage(io.micrometer.core.instrument.MeterRegistry meters) {
    FeedVerticle feed = t.startFeed(t.liveConfig(Map.of()));
    t.until("live", 15_000, () -> t.sawState(FeedState.LIVE) && streamTicks() > 20);
    long framesBefore = feed.framesDecoded();
    t.control("POST", "/sim/control/garbage?count=3000");
    long at = streamTicks();
    t.until("ticks continue after garbage", 15_000, () -> streamTicks() > at + 300);
    assertThat(feed.framesDecoded()).isGreaterThan(framesBefore);
    assertThat(t.stats().getLong("connections")).as("no reconnect needed").isEqualTo(1);
    assertThat(t.statuses.get(t.statuses.size() - 1).state()).isEqualTo(FeedState.LIVE);
    assertThat(t.stats().getLong("garbageSent")).isEqualTo(3000);
    double protobuf = meters.counter("optionstream.feed.decode.errors", "kind", "protobuf", "source", "upstox").count();
    double json = meters.counter("optionstream.feed.decode.errors", "kind", "json_error", "source", "upstox").count();
    assertThat(json).isEqualTo(1000);
    assertThat(protobuf).as("most random and truncated frames are rejected").isGreaterThan(1000);
    assertThat(meters.counter("optionstream.feed.ticks", "source", "upstox").count()).isPositive();
  }

  @Test
  void rejectedTokenBacksOffHardAndSaysSo() {
    t.control("POST", "/sim/control/auth?status=401&ms=600000");
    t.startFeed(t.liveConfig(Map.of("FEED_AUTH_REJECTED_BACKOFF_MS", "1000")));
    t.until("token rejected status", 10_000, () -> t.statuses.stream()
        .anyMatch(s -> s.state() == FeedState.AUTH_REJECTED && s.reason().contains("rejected the access token")));
    FeedStatus rejected = t.statuses.stream().filter(s -> s.state() == FeedState.AUTH_REJECTED).findFirst().orElseThrow();
    assertThat(rejected.authError()).isEqualTo(
        new FeedStatus.AuthError(401, "UDAPI100050", "Invalid token used to access API"));
    assertThat(rejected.reason()).contains("HTTP 401 UDAPI100050: Invalid token used to access API");
    assertThat(FeedTestSupport.await(t.services.health().readiness().checkStatus())
        .getUp()).as("nothing can flow: not ready").isFalse();
    long firstAttempts = t.stats().getLong("rejectedAuthorizations");
    // a second attempt must wait 0.5-1 s (hard back-off), a third 1-2 s after that
    t.until("second attempt", 5_000, () -> t.stats().getLong("rejectedAuthorizations") > firstAttempts);
    long seenAt = System.currentTimeMillis();
    t.until("third attempt", 5_000, () -> t.stats().getLong("rejectedAuthorizations") > firstAttempts + 1);
    assertThat(System.currentTimeMillis() - seenAt).as("delays double").isGreaterThanOrEqualTo(900);
    assertThat(t.stats().getLong("rejectedAuthorizations")).isLessThanOrEqualTo(firstAttempts + 2);
    assertThat(t.ticks).as("no polling with a rejected token").isEmpty();
    assertThat(t.statuses).noneMatch(s -> s.reason() != null && s.reason().contains("test-token"));

    // token accepted again: the feed recovers on its own
    t.control("POST", "/sim/control/auth?status=200");
    t.until("LIVE after the token is accepted", 15_000, () -> t.sawState(FeedState.LIVE));
  }

  @Test
  void gracefulStopUnsubscribesAndClosesWith1000() {
    t.startFeed(t.liveConfig(Map.of()));
    t.until("live", 15_000, () -> t.sawState(FeedState.LIVE) && streamTicks() > 10);
    FeedTestSupport.await(t.vertx.undeploy(t.feedDeployment));
    t.until("clean close seen by the server", 5_000, () -> t.stats().getLong("cleanCloses") == 1);
    JsonObject stats = t.stats();
    assertThat(stats.getLong("unsubscribes")).isGreaterThanOrEqualTo(1);
    assertThat(stats.getInteger("openConnections")).isZero();
    assertThat(t.statuses.get(t.statuses.size() - 1).state()).isEqualTo(FeedState.STOPPED);
  }
}
