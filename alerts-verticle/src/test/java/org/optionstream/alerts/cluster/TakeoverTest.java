package org.optionstream.alerts.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optionstream.alerts.Eventually.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optionstream.alerts.AlertsConfig;
import org.optionstream.alerts.AlertsVerticle;
import org.optionstream.alerts.Eventually;
import org.optionstream.alerts.Market;
import org.optionstream.common.Addresses;
import org.optionstream.common.config.Env;
import org.optionstream.common.launch.ProcessServices;
import org.optionstream.common.testing.TestClusters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two alerts members and a third that plays the pipeline and listens to {@code alerts.fired}, each its own
 * Hazelcast member in one private cluster. The member evaluating the rule dies (its Hazelcast member is
 * terminated, as when its JVM is killed) while the value crosses: the other member takes over from the saved
 * state and fires that crossing exactly once; a crossing fired before the kill is not fired again.
 */
class TakeoverTest {

  private static final Logger LOG = LoggerFactory.getLogger(TakeoverTest.class);
  private static final Duration JOIN = Duration.ofSeconds(60);
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final TestClusters cluster = new TestClusters();
  private final List<Vertx> members = new ArrayList<>();
  private final List<JsonObject> fired = new CopyOnWriteArrayList<>();
  private final AtomicReference<JsonObject> state = new AtomicReference<>(new JsonObject());

  @TempDir
  Path dataDir;

  @AfterEach
  void closeAll() {
    for (Vertx member : members) {
      try {
        await(member.close(), JOIN);
      } catch (Exception e) {
        LOG.warn("close failed", e);
      }
    }
  }

  private ProcessServices member() throws Exception {
    ProcessServices member = await(cluster.member(), JOIN);
    members.add(member.vertx());
    return member;
  }

  private AlertsVerticle alerts(ProcessServices member, String name) throws Exception {
    AlertsVerticle verticle = new AlertsVerticle(AlertsConfig.from(new Env(Map.of(
        "ALERTS_DATA_DIR", dataDir.resolve(name).toString(), "ALERTS_PARTITIONS", "2",
        "ALERTS_LOCK_ACQUIRE_TIMEOUT_MS", "300", "ALERTS_LOCK_RETRY_MS", "200"))), member.health(), member.membership());
    await(member.vertx().deployVerticle(verticle), JOIN);
    return verticle;
  }

  /** Keeps {@link #state} current: the rule's saved state, read every 100 ms. */
  private void watchState(Vertx driver, String id) {
    driver.setPeriodic(100, t -> driver.eventBus().<JsonObject>request(Addresses.ALERTS_RULES_GET,
        new JsonObject().put("id", id)).onSuccess(reply -> state.set(reply.body().getJsonObject("state"))));
  }

  /** Whether the saved state says the rule fired {@code firings} times and is armed again. */
  private boolean armedAfter(long firings) {
    JsonObject saved = state.get();
    return Boolean.TRUE.equals(saved.getBoolean("armed")) && saved.getLong("firedCount", -1L) == firings;
  }

  /** Publishes {@code pcr} every 100 ms until {@code condition} holds. */
  private void holdUntil(Vertx driver, Market market, double pcr, java.util.function.BooleanSupplier condition,
      String what) throws Exception {
    long timer = driver.setPeriodic(100, id -> market.pcr(pcr));
    try {
      await(Eventually.until(driver, condition, WAIT, what), JOIN);
    } finally {
      driver.cancelTimer(timer);
    }
  }

  @Test
  void aCrossingDuringTheOwnersDeathFiresOnceAndAnEarlierOneIsNotRepeated() throws Exception {
    Vertx driver = member().vertx();
    await(driver.eventBus().<JsonObject>consumer(Addresses.ALERTS_FIRED, m -> fired.add(m.body())).completion(), JOIN);
    ProcessServices first = member();
    AlertsVerticle firstAlerts = alerts(first, "first");
    ProcessServices second = member();
    AlertsVerticle secondAlerts = alerts(second, "second");
    Market market = new Market(driver);

    String id = await(driver.eventBus().<JsonObject>request(Addresses.ALERTS_RULES_CREATE, new JsonObject(
        "{\"metric\":\"pcr\",\"symbol\":\"NIFTY\",\"expiry\":\"nearest\",\"op\":\"crossesAbove\",\"value\":1.2}")), WAIT)
        .body().getString("id");
    watchState(driver, id);
    await(Eventually.until(driver, () -> firstAlerts.ownedPartitions() + secondAlerts.ownedPartitions() == 2, WAIT,
        "both partitions owned"), JOIN);

    holdUntil(driver, market, 1.0, () -> armedAfter(0), "armed");
    holdUntil(driver, market, 1.3, () -> fired.size() == 1, "the first crossing fired");
    holdUntil(driver, market, 1.0, () -> armedAfter(1), "re-armed");

    // whichever member fired evaluates the rule: it dies while the value crosses again
    ProcessServices owner = ownerIsFirst(first.vertx(), id) ? first : second;
    AlertsVerticle survivor = owner == first ? secondAlerts : firstAlerts;
    int survivorBefore = survivor.ownedPartitions();
    TestClusters.hazelcast(owner).getLifecycleService().terminate();
    long killedAt = System.nanoTime();
    holdUntil(driver, market, 1.3, () -> fired.size() >= 2, "the crossing during the death fired");
    LOG.info("fired by the survivor {} ms after the kill", (System.nanoTime() - killedAt) / 1_000_000);
    assertThat(survivor.ownedPartitions()).isGreaterThan(survivorBefore);

    // the value stays above: nothing more fires (neither a repeat of #1 nor of #2)
    long quietTimer = driver.setPeriodic(100, t -> market.pcr(1.3));
    await(driver.timer(2000), JOIN);
    driver.cancelTimer(quietTimer);
    assertThat(fired).extracting(f -> f.getString("id")).containsExactly(id + "#1", id + "#2");
  }

  /** Whether the first member owns the rule's partition: it holds that partition's lock. */
  private static boolean ownerIsFirst(Vertx first, String id) throws Exception {
    int partition = Math.floorMod(id.hashCode(), 2);
    return await(first.sharedData().getLockWithTimeout("optionstream.alerts.partition/" + partition, 200)
        .map(lock -> {
          lock.release();
          return false;
        }).recover(e -> io.vertx.core.Future.succeededFuture(true)), JOIN);
  }
}
