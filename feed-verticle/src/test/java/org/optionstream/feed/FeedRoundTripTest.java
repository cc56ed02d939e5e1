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
import org.optionstream.common.Addresses;
import org.optionstream.common.codec.Codecs;
import org.optionstream.common.config.Env;
import org.optionstream.common.json.FeedSource;
import org.optionstream.common.json.FeedState;
import org.optionstream.common.tick.ForwardSource;
import org.optionstream.common.tick.InstrumentKind;
import org.optionstream.common.tick.Tick;
import org.optionstream.common.tick.TickBatch;
import org.optionstream.common.tick.TickSource;

/**
 * Protocol round trip with the default universe (five indices, three expiries each, ±10 strikes):
 * FEED_SOURCE=simulator → authorize → ws → subscribe → protobuf → ticks, said to be simulated.
 */
@ExtendWith(VertxExtension.class)
class FeedRoundTripTest {

  private FeedTestSupport t;

  @BeforeEach
  void setUp(Vertx vertx) {
    Codecs.register(vertx);
    t = new FeedTestSupport(vertx);
  }

  @Test
  void theSimulatorSourceEmitsCompleteTicksAndSaysTheyAreSimulated(Vertx vertx) {
    List<Tick> compute = new java.util.concurrent.CopyOnWriteArrayList<>();
    vertx.eventBus().<TickBatch>consumer(Addresses.GREEKS_COMPUTE_BATCH, m -> {
      m.reply(null);
      compute.addAll(m.body().getTicksList());
    });
    List<Tick> batched = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<Integer> batchSizes = new java.util.concurrent.CopyOnWriteArrayList<>();
    vertx.eventBus().<TickBatch>consumer(Addresses.MARKET_TICKS_BATCH, m -> {
      batched.addAll(m.body().getTicksList());
      batchSizes.add(m.body().getTicksCount());
    });
    t.startSimulator(Map.of("SIM_TICKS_PER_SECOND", "400"));
    t.startFeed(FeedConfig.from(new Env(Map.of("FEED_SOURCE", "simulator", "UPSTOX_API_URL", t.simulator.baseUrl(),
        "UPSTOX_INSTRUMENTS_URL", t.simulator.instrumentsUrl()))));

    t.until("a synthetic forward on option ticks", 20_000, () -> t.ticks.stream()
        .anyMatch(x -> x.getKind() == InstrumentKind.CALL && x.getForwardSource() == ForwardSource.SYNTHETIC));
    t.until("LIVE status", 5_000, () -> t.sawState(FeedState.LIVE));

    t.until("ticks of every default underlying", 20_000, () -> java.util.Set.of("NIFTY", "BANKNIFTY", "FINNIFTY",
        "MIDCPNIFTY", "SENSEX").stream().allMatch(u -> t.ticks.stream().anyMatch(x -> x.getSymbol().equals(u)
        && x.getKind() == InstrumentKind.CALL && x.getForwardSource() == ForwardSource.SYNTHETIC)));
    Tick index = t.ticks.stream().filter(x -> x.getKind() == InstrumentKind.INDEX && x.getSymbol().equals("NIFTY"))
        .findFirst().orElseThrow();
    assertThat(index.getInstrumentKey()).isEqualTo("NSE_INDEX|Nifty 50");
    assertThat(index.getSymbol()).isEqualTo("NIFTY");
    assertThat(index.getLastPrice()).isBetween(20_000.0, 28_000.0);
    assertThat(index.getSource()).isEqualTo(TickSource.STREAM);

    Tick option = t.ticks.stream().filter(x -> x.getKind() == InstrumentKind.PUT && x.getSymbol().equals("NIFTY")
        && x.getForwardSource() == ForwardSource.SYNTHETIC).reduce((a, b) -> b).orElseThrow();
    assertThat(option.getInstrumentKey()).startsWith("NSE_FO|");
    assertThat(option.getStrike() % 50).isZero();
    assertThat(option.getLastPrice()).isPositive();
    assertThat(option.getOpenInterest()).isPositive();
    assertThat(option.hasPrevOpenInterest()).isTrue();
    assertThat(option.getPrevOpenInterest()).isPositive();
    assertThat(option.getBidPrice()).isPositive().isLessThan(option.getAskPrice());
    assertThat(option.getUnderlyingPrice()).isBetween(20_000.0, 28_000.0);
    assertThat(option.getForward()).isCloseTo(option.getUnderlyingPrice(), org.assertj.core.data.Percentage.withPercentage(2));
    assertThat(option.getAtmStrike() % 50).isZero();
    assertThat(option.getWindowLowStrike()).isEqualTo(option.getAtmStrike() - 500);
    assertThat(option.getWindowHighStrike()).isEqualTo(option.getAtmStrike() + 500);
    assertThat(option.getStrikeStep()).isEqualTo(50);
    assertThat(option.getLotSize()).isEqualTo(65);
    // SENSEX options come from BSE and are priced off the BSE index; each index keeps its own step, lot and window
    Tick sensex = t.ticks.stream().filter(x -> x.getSymbol().equals("SENSEX") && x.getKind() == InstrumentKind.CALL
        && x.getAtmStrike() > 0).reduce((a, b) -> b).orElseThrow();
    assertThat(sensex.getInstrumentKey()).startsWith("BSE_FO|");
    assertThat(sensex.getStrikeStep()).isEqualTo(100);
    assertThat(sensex.getLotSize()).isEqualTo(20);
    assertThat(sensex.getUnderlyingPrice()).isBetween(70_000.0, 90_000.0);
    assertThat(sensex.getWindowHighStrike() - sensex.getAtmStrike()).isEqualTo(1_000);
    Tick midcp = t.ticks.stream().filter(x -> x.getSymbol().equals("MIDCPNIFTY") && x.getKind() == InstrumentKind.CALL
        && x.getAtmStrike() > 0).reduce((a, b) -> b).orElseThrow();
    assertThat(midcp.getWindowHighStrike() - midcp.getAtmStrike()).isEqualTo(250);
    assertThat(t.ticks.stream().filter(x -> x.getSymbol().equals("BANKNIFTY") && x.getKind() != InstrumentKind.INDEX)
        .map(Tick::getExpiryEpochDay).distinct().count()).as("three BANKNIFTY expiries").isEqualTo(3);
    assertThat(option.getExpiryEpochDay()).isPositive();
    assertThat(option.getExchangeTimeMs()).isPositive();
    assertThat(option.getFeedReceivedAtMicros() / 1000).isGreaterThanOrEqualTo(option.getExchangeTimeMs() - 5_000);
    assertThat(option.getSource()).isEqualTo(TickSource.STREAM);

    // per-instrument sequences strictly increase
    Map<String, List<Long>> seqs = new java.util.HashMap<>();
    t.ticks.forEach(x -> seqs.computeIfAbsent(x.getInstrumentKey(), k -> new java.util.ArrayList<>()).add(x.getSequence()));
    seqs.values().forEach(s -> {
      for (int i = 1; i < s.size(); i++) {
        assertThat(s.get(i)).isGreaterThan(s.get(i - 1));
      }
    });
    // options only on greeks.compute.batch
    t.until("greeks.compute.batch traffic", 5_000, () -> !compute.isEmpty());
    assertThat(compute).allMatch(x -> x.getKind() != InstrumentKind.INDEX);
    // market.ticks.batch carries the ticks of market.ticks, in the same order, one message per frame
    // (consumers may sit on different event loops: compare what each has seen once the other caught up)
    List<Tick> computeSoFar = List.copyOf(compute);
    List<Tick> batchedSoFar = List.copyOf(batched);
    assertThat(batchedSoFar).isNotEmpty();
    t.until("every batched tick also on market.ticks", 5_000, () -> t.ticks.containsAll(batchedSoFar));
    List<Tick> singles = List.copyOf(t.ticks);
    assertThat(singles.subList(0, batchedSoFar.size())).isEqualTo(batchedSoFar);
    assertThat(batchSizes).as("frames carry several instruments").anyMatch(n -> n > 1);
    t.until("every option tick sent for greeks also in market.ticks.batch", 5_000,
        () -> batched.containsAll(computeSoFar));

    JsonObject stats = t.stats();
    assertThat(stats.getLong("subscriptions")).isGreaterThanOrEqualTo(3);
    // per underlying: its index + 3 expiries x 21 strikes x 2
    assertThat(stats.getInteger("subscribedKeys")).isEqualTo(5 * (1 + 3 * 21 * 2));

    JsonObject status = FeedTestSupport.await(vertx.eventBus().<JsonObject>request(Addresses.FEED_STATUS_QUERY, new JsonObject())).body();
    assertThat(status.getString("state")).isEqualTo("LIVE");
    assertThat(status.getInteger("subscribed")).isEqualTo(5 * (1 + 3 * 21 * 2));
    assertThat(status.getString("source")).isEqualTo("simulator");
    assertThat(t.statuses).isNotEmpty().allMatch(s -> s.source() == FeedSource.SIMULATOR);
    var ready = FeedTestSupport.await(t.services.health().readiness().checkStatus());
    assertThat(ready.getUp()).isTrue();
  }
}
