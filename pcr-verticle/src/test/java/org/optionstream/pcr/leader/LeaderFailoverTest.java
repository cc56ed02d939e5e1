package org.optionstream.pcr.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optionstream.pcr.Eventually.await;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.optionstream.common.Addresses;
import org.optionstream.common.config.ClusterSettings;
import org.optionstream.common.config.Env;
import org.optionstream.common.launch.ProcessServices;
import org.optionstream.common.launch.VertxFactory;
import org.optionstream.common.testing.TestClusters;
import org.optionstream.pcr.Eventually;
import org.optionstream.pcr.PcrConfig;
import org.optionstream.pcr.PcrVerticle;
import org.optionstream.pcr.Ticks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two pcr instances, each in its own clustered Vertx (its own Hazelcast member), fed by a third
 * member that publishes ticks: exactly one publishes; when the leader's Vertx closes the other
 * publishes within 10 s; when the first comes back it stays a standby. Publications are counted per
 * member with an outbound interceptor, so each count is what that member itself sent.
 */
class LeaderFailoverTest {

  private static final Logger LOG = LoggerFactory.getLogger(LeaderFailoverTest.class);
  private static final Duration JOIN = Duration.ofSeconds(60);
  private static final Duration TAKEOVER = Duration.ofSeconds(10);
  private static final PcrConfig CONFIG = PcrConfig.from(new Env(Map.of(
      "PCR_LEADER_ACQUIRE_TIMEOUT_MS", "1000", "PCR_LEADER_RETRY_MS", "200")));

  private final ClusterSettings settings = new TestClusters().settings();
  private Vertx ticker;
  private ProcessServices first;
  private ProcessServices second;
  private ProcessServices returned;

  @AfterEach
  void closeAll() throws Exception {
    for (Vertx v : new Vertx[] {vertxOf(returned), vertxOf(second), vertxOf(first), ticker}) {
      if (v != null) {
        try {
          await(v.close(), JOIN);
        } catch (Exception e) {
          LOG.warn("close failed", e);
        }
      }
    }
  }

  private static Vertx vertxOf(ProcessServices member) {
    return member == null ? null : member.vertx();
  }

  /** A member running one pcr verticle, with a counter of the pcr.update messages it publishes. */
  private ProcessServices pcrMember(AtomicLong published) throws Exception {
    ProcessServices member = await(VertxFactory.create(settings), JOIN);
    Vertx vertx = member.vertx();
    vertx.eventBus().addOutboundInterceptor(ctx -> {
      if (Addresses.PCR_UPDATE.equals(ctx.message().address())) {
        published.incrementAndGet();
      }
      ctx.next();
    });
    await(vertx.deployVerticle(new PcrVerticle(CONFIG, member.health(), member.membership())), JOIN);
    return member;
  }

  /** Every 100 ms a tick with a new CE OI, its exchange time 100 ms on, so the figures keep changing. */
  private void startTicks(Vertx vertx) {
    AtomicLong n = new AtomicLong();
    vertx.eventBus().publish(Addresses.MARKET_TICKS_BATCH, Ticks.batch(Ticks.pe(23500, Ticks.T0, 1, 5000, 0, Double.NaN)));
    vertx.setPeriodic(100, id -> {
      long i = n.incrementAndGet();
      vertx.eventBus().publish(Addresses.MARKET_TICKS_BATCH, Ticks.batch(Ticks.ce(23500, Ticks.T0 + 100 * i, i, 1000 + i, i, Double.NaN)));
    });
  }

  @Test
  void exactlyOnePublisherThenTakeoverWithinTenSecondsThenStillOne() throws Exception {
    ticker = await(VertxFactory.create(settings), JOIN).vertx();
    AtomicLong firstCount = new AtomicLong();
    AtomicLong secondCount = new AtomicLong();
    first = pcrMember(firstCount);
    second = pcrMember(secondCount);
    startTicks(ticker);

    await(Eventually.until(ticker, () -> firstCount.get() + secondCount.get() >= 3, JOIN, "a leader publishing"), JOIN);
    await(Eventually.after(ticker, Duration.ofSeconds(2)), JOIN);
    LOG.info("steady state: first published {}, second {}", firstCount.get(), secondCount.get());
    assertThat(Math.min(firstCount.get(), secondCount.get())).as("exactly one publisher").isZero();
    assertThat(Math.max(firstCount.get(), secondCount.get())).isGreaterThanOrEqualTo(5);

    boolean firstLed = firstCount.get() > 0;
    AtomicLong standbyCount = firstLed ? secondCount : firstCount;
    ProcessServices leader = firstLed ? first : second;
    long closedAt = System.nanoTime();
    await(leader.vertx().close(), JOIN);
    if (firstLed) {
      first = null;
    } else {
      second = null;
    }
    await(Eventually.until(ticker, () -> standbyCount.get() > 0, TAKEOVER, "the standby publishing"), JOIN);
    LOG.info("takeover {} ms after the leader's Vertx closed", (System.nanoTime() - closedAt) / 1_000_000);

    AtomicLong returnedCount = new AtomicLong();
    returned = pcrMember(returnedCount);
    long before = standbyCount.get();
    await(Eventually.after(ticker, Duration.ofSeconds(3)), JOIN);
    assertThat(returnedCount.get()).as("the returning instance stays a standby").isZero();
    assertThat(standbyCount.get()).as("the new leader keeps publishing").isGreaterThan(before);
  }

  /**
   * The leader's Hazelcast member dies without leaving (terminate: no graceful hand-off, as when
   * its JVM is killed): the standby publishes within 10 s, once the cluster has dropped the member.
   */
  @Test
  void aCrashedLeaderIsReplacedWithinTenSeconds() throws Exception {
    ticker = await(VertxFactory.create(settings), JOIN).vertx();
    AtomicLong firstCount = new AtomicLong();
    AtomicLong secondCount = new AtomicLong();
    first = pcrMember(firstCount);
    second = pcrMember(secondCount);
    startTicks(ticker);
    await(Eventually.until(ticker, () -> firstCount.get() + secondCount.get() >= 3, JOIN, "a leader publishing"), JOIN);

    boolean firstLed = firstCount.get() > 0;
    AtomicLong standbyCount = firstLed ? secondCount : firstCount;
    assertThat(standbyCount.get()).isZero();
    ProcessServices leader = firstLed ? first : second;
    long crashedAt = System.nanoTime();
    TestClusters.hazelcast(leader).getLifecycleService().terminate();
    await(Eventually.until(ticker, () -> standbyCount.get() > 0, TAKEOVER, "the standby publishing"), JOIN);
    LOG.info("takeover {} ms after the leader's member was terminated", (System.nanoTime() - crashedAt) / 1_000_000);
  }
}
