package org.optionstream.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optionstream.alerts.Eventually.await;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optionstream.common.Addresses;
import org.optionstream.common.codec.Codecs;
import org.optionstream.common.config.Env;
import org.optionstream.common.launch.ProcessServices;

/**
 * One alerts stage on a local Vertx, fed the pipeline's messages: rules created, listed, read and deleted
 * on the bus, firing once on a real crossing (chain figure, an option following the ATM strike, the index),
 * and rules and firings still there after a restart.
 */
class AlertsVerticleTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir
  Path dataDir;

  private Vertx vertx;
  private Market market;
  private final List<JsonObject> fired = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    vertx = startStage();
  }

  private Vertx startStage() throws Exception {
    Vertx v = Codecs.register(Vertx.vertx());
    AlertsConfig config = AlertsConfig.from(new Env(Map.of("ALERTS_DATA_DIR", dataDir.toString(),
        "ALERTS_PARTITIONS", "4", "ALERTS_LOCK_RETRY_MS", "100")));
    await(v.eventBus().<JsonObject>consumer(Addresses.ALERTS_FIRED, m -> fired.add(m.body())).completion(), WAIT);
    ProcessServices services = ProcessServices.local(v);
    await(v.deployVerticle(new AlertsVerticle(config, services.health(), services.membership())), WAIT);
    market = new Market(v);
    return v;
  }

  @AfterEach
  void stop() throws Exception {
    await(vertx.close(), WAIT);
  }

  private JsonObject create(String rule) throws Exception {
    return await(vertx.eventBus().<JsonObject>request(Addresses.ALERTS_RULES_CREATE, new JsonObject(rule)), WAIT).body();
  }

  /** Waits until the stage has the rule in its engine (the change travels on the bus). */
  private void awaitListed(int count) throws Exception {
    await(Eventually.until(vertx, () -> list().size() == count, WAIT, count + " rule(s) listed"), WAIT);
  }

  private JsonArray list() {
    try {
      return await(vertx.eventBus().<JsonArray>request(Addresses.ALERTS_RULES_LIST, new JsonObject()), WAIT).body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void awaitFired(int count) throws Exception {
    await(Eventually.until(vertx, () -> fired.size() >= count, WAIT, count + " firing(s)"), WAIT);
  }

  /** Sends a marker through the bus and waits for it: everything published before it was handled. */
  private void settle() throws Exception {
    list();
  }

  @Test
  void anInvalidRuleIsRefusedWithTheFieldAndTheReason() throws Exception {
    Throwable refused = vertx.eventBus().request(Addresses.ALERTS_RULES_CREATE,
            new JsonObject().put("metric", "pcr").put("symbol", "NIFTY").put("expiry", "nearest").put("op", "crossesAbove"))
        .toCompletionStage().toCompletableFuture().handle((ok, e) -> e).get();
    assertThat(refused).isInstanceOf(ReplyException.class);
    assertThat(((ReplyException) refused).failureCode()).isEqualTo(400);
    assertThat(refused.getMessage()).isEqualTo("value: required");
    assertThat(list()).isEmpty();
  }

  @Test
  void aPcrCrossingFiresOnceHoveringDoesNotRepeatAndTheRuleCanBeReadAndDeleted() throws Exception {
    JsonObject rule = create("{\"name\":\"pcr up\",\"metric\":\"pcr\",\"symbol\":\"NIFTY\",\"expiry\":\"nearest\","
        + "\"op\":\"crossesAbove\",\"value\":1.2}");
    String id = rule.getString("id");
    assertThat(id).isNotBlank();
    awaitListed(1);
    market.pcr(1.0);
    market.pcr(1.25);
    awaitFired(1);
    market.pcr(1.199);
    market.pcr(1.21);
    market.pcr(1.195);
    market.pcr(1.3);
    settle();
    assertThat(fired).hasSize(1);
    JsonObject firing = fired.get(0);
    assertThat(firing.getString("id")).isEqualTo(id + "#1");
    assertThat(firing.getString("ruleId")).isEqualTo(id);
    assertThat(firing.getDouble("value")).isEqualTo(1.25);
    assertThat(firing.getString("source")).isEqualTo("pcr.update|NIFTY|" + Market.EXPIRY);

    JsonObject read = await(vertx.eventBus().<JsonObject>request(Addresses.ALERTS_RULES_GET,
        new JsonObject().put("id", id)), WAIT).body();
    assertThat(read.getString("name")).isEqualTo("pcr up");
    assertThat(read.getJsonObject("state").getLong("firedCount")).isEqualTo(1);
    assertThat(read.getJsonObject("state").getBoolean("armed")).isFalse();

    await(vertx.eventBus().request(Addresses.ALERTS_RULES_DELETE, new JsonObject().put("id", id)), WAIT);
    Throwable gone = vertx.eventBus().request(Addresses.ALERTS_RULES_GET, new JsonObject().put("id", id))
        .toCompletionStage().toCompletableFuture().handle((ok, e) -> e).get();
    assertThat(((ReplyException) gone).failureCode()).isEqualTo(404);
    awaitListed(0);
  }

  @Test
  void theAtmCallRuleFollowsReCentring() throws Exception {
    create("{\"metric\":\"delta\",\"symbol\":\"NIFTY\",\"expiry\":\"nearest\",\"strike\":\"atm\",\"type\":\"CE\","
        + "\"op\":\"crossesAbove\",\"value\":0.6,\"hysteresis\":0}");
    awaitListed(1);
    market.chainTicks(23500, 23500, 23600);
    market.greeks("CE", 23500, 0.55, 0.12);
    market.greeks("CE", 23600, 0.45, 0.12);
    market.greeks("CE", 23500, 0.61, 0.12);
    awaitFired(1);
    assertThat(fired.get(0).getString("source")).isEqualTo(Market.key("CE", 23500));
    // the feed re-centres on 23600: that strike's call is now the one watched; its first value only arms
    market.chainTicks(23600, 23500, 23600);
    settle();
    market.greeks("CE", 23600, 0.5, 0.12);
    market.greeks("CE", 23500, 0.3, 0.12);
    market.greeks("CE", 23500, 0.9, 0.12);
    market.greeks("CE", 23600, 0.65, 0.12);
    awaitFired(2);
    settle();
    assertThat(fired).hasSize(2);
    assertThat(fired.get(1).getString("source")).isEqualTo(Market.key("CE", 23600));
  }

  @Test
  void aStraddleRuleFiresOnChainAnalytics() throws Exception {
    create("{\"metric\":\"straddle\",\"symbol\":\"NIFTY\",\"expiry\":\"nearest\",\"op\":\"crossesAbove\","
        + "\"value\":300,\"hysteresis\":0}");
    create("{\"metric\":\"gexFlip\",\"symbol\":\"NIFTY\",\"expiry\":\"nearest\",\"op\":\"crossesBelow\","
        + "\"value\":23400,\"hysteresis\":0}");
    awaitListed(2);
    market.chainTicks(23500, 23500);
    settle();
    market.analytics(280, 23450.0);
    market.analytics(295, null);
    market.analytics(310, 23380.0);
    awaitFired(2);
    settle();
    assertThat(fired).extracting(f -> f.getString("metric")).containsExactlyInAnyOrder("straddle", "gexFlip");
    assertThat(fired).extracting(f -> f.getString("source"))
        .containsOnly("chain.analytics|NIFTY|" + Market.EXPIRY);
    assertThat(fired).extracting(f -> f.getDouble("value")).containsExactlyInAnyOrder(310.0, 23380.0);
  }

  @Test
  void aGreeksUpdateThatCannotBeReadIsSkippedAndTheNextOneStillFires() throws Exception {
    create("{\"metric\":\"delta\",\"symbol\":\"NIFTY\",\"expiry\":\"nearest\",\"strike\":23500,\"type\":\"CE\","
        + "\"op\":\"crossesAbove\",\"value\":0.6,\"hysteresis\":0}");
    awaitListed(1);
    market.chainTicks(23500, 23500);
    settle();
    market.greeks("CE", 23500, 0.55, 0.12);
    market.brokenGreeks("CE", 23500);
    market.greeks("CE", 23500, 0.62, 0.12);
    awaitFired(1);
    assertThat(fired.get(0).getDouble("value")).isEqualTo(0.62);
  }

  @Test
  void rulesAndFiringsSurviveARestart() throws Exception {
    JsonObject rule = create("{\"metric\":\"index\",\"symbol\":\"NIFTY\",\"op\":\"leavesBand\",\"low\":23000,"
        + "\"high\":24000,\"cooldownSeconds\":60}");
    create("{\"metric\":\"pcr\",\"symbol\":\"NIFTY\",\"expiry\":\"nearest\",\"op\":\"crossesBelow\",\"value\":0.7}");
    awaitListed(2);
    market.index(23500);
    market.index(24100);
    awaitFired(1);
    JsonObject gone = create("{\"metric\":\"pcr\",\"symbol\":\"NIFTY\",\"expiry\":\"nearest\",\"op\":\"crossesBelow\",\"value\":0.5}");
    awaitListed(3);
    await(vertx.eventBus().request(Addresses.ALERTS_RULES_DELETE, new JsonObject().put("id", gone.getString("id"))), WAIT);
    awaitListed(2);
    await(Eventually.until(vertx, () -> firingsStored().size() == 1, WAIT, "the firing stored"), WAIT);

    await(vertx.close(), WAIT);
    fired.clear();
    vertx = startStage();
    assertThat(list()).extracting(o -> ((JsonObject) o).getString("id"))
        .contains(rule.getString("id")).doesNotContain(gone.getString("id")).hasSize(2);
    JsonArray stored = firingsStored();
    assertThat(stored).hasSize(1);
    assertThat(stored.getJsonObject(0).getString("ruleId")).isEqualTo(rule.getString("id"));
    assertThat(stored.getJsonObject(0).getDouble("value")).isEqualTo(24100.0);
  }

  private JsonArray firingsStored() {
    try {
      return await(vertx.eventBus().<JsonObject>request(Addresses.ALERTS_FIRED_QUERY,
          new JsonObject().put("from", 0)), WAIT).body().getJsonArray("firings");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
