package org.optionstream.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optionstream.common.config.Env;
import org.optionstream.common.pricing.Black76;

/** The simulated market is realistic and internally consistent. */
class SimMarketTest {

  private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);
  private static final long NOW = LocalDate.of(2025, 11, 20).atTime(11, 0).toEpochSecond(IST) * 1000;

  private final SimMarket market = new SimMarket(SimulatorConfig.from(new Env(Map.of())), NOW);

  @Test
  void weeklyTuesdayExpiriesAt235959IstAndStrikesEvery50() {
    JsonArray master = market.masterJson();
    var expiries = master.stream().map(JsonObject.class::cast)
        .filter(r -> "NIFTY".equals(r.getString("underlying_symbol")))
        .map(r -> r.getLong("expiry")).distinct().sorted().toList();
    assertThat(expiries).hasSize(4);
    for (long ms : expiries) {
      var t = Instant.ofEpochMilli(ms).atOffset(IST);
      assertThat(t.toLocalTime()).isEqualTo(LocalTime.of(23, 59, 59));
      assertThat(t.getDayOfWeek()).isEqualTo(DayOfWeek.TUESDAY);
    }
    assertThat(Instant.ofEpochMilli(expiries.get(0)).atOffset(IST).toLocalDate()).isEqualTo(LocalDate.of(2025, 11, 25));
    assertThat(master.stream().map(JsonObject.class::cast).filter(r -> "NIFTY".equals(r.getString("underlying_symbol")))
        .mapToDouble(r -> r.getDouble("strike_price")).allMatch(k -> k % 50 == 0)).isTrue();
    var bank = market.underlying("BANKNIFTY");
    assertThat(bank.expiries()).hasSize(2);
    assertThat(LocalDate.ofEpochDay(bank.expiries().get(0).epochDay)).isEqualTo(LocalDate.of(2025, 11, 25));
  }

  @Test
  void pricesAreBlack76OnTheForwardWithASmileAndParityHolds() {
    SimMarket.Underlying nifty = market.underlying("NIFTY");
    SimMarket.Expiry e = nifty.expiries().get(0);
    assertThat(e.forward).isGreaterThan(nifty.spot());
    SimMarket.Instrument atmCall = e.options.stream().filter(o -> o.call && o.strike == 23_700).findFirst().orElseThrow();
    SimMarket.Instrument atmPut = e.options.stream().filter(o -> !o.call && o.strike == 23_700).findFirst().orElseThrow();
    double expected = Black76.price(e.forward, 23_700, e.years, market.vol(atmCall), 0.10, true);
    assertThat(market.price(atmCall)).isCloseTo(expected, within(0.025 + 1e-9));
    // parity: F = K + (C - P) e^{rT} within the price ticks
    double implied = 23_700 + (market.price(atmCall) - market.price(atmPut)) * Math.exp(0.10 * e.years);
    assertThat(implied).isCloseTo(e.forward, within(0.1));
    // smile: OTM puts richer than ATM, ATM cheapest region
    SimMarket.Instrument otmPut = e.options.stream().filter(o -> !o.call && o.strike == 22_500).findFirst().orElseThrow();
    assertThat(market.vol(otmPut)).isGreaterThan(market.vol(atmPut));
    assertThat(market.vol(atmPut)).isBetween(0.10, 0.14);
    // OI: previous-day OI everywhere, heavier near the money
    assertThat(e.options).allMatch(o -> o.prevOi > 0 && o.oi >= 0);
    assertThat(atmPut.prevOi).isGreaterThan(otmPut.prevOi);
  }

  @Test
  void seededPathsAreReproducible() {
    SimMarket a = new SimMarket(SimulatorConfig.from(new Env(Map.of("SIM_SEED", "9"))), NOW);
    SimMarket b = new SimMarket(SimulatorConfig.from(new Env(Map.of("SIM_SEED", "9"))), NOW);
    for (int i = 1; i <= 100; i++) {
      a.advance(NOW + i * 20L);
      b.advance(NOW + i * 20L);
    }
    assertThat(a.underlying("NIFTY").spot()).isEqualTo(b.underlying("NIFTY").spot()).isNotEqualTo(23_700.0);
    assertThat(a.underlying("NIFTY").spot()).isBetween(23_000.0, 24_400.0);
  }
}
