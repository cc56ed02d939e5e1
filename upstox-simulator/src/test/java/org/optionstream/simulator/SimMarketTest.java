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
    JsonArray master = market.masterJson(null);
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
    assertThat(bank.expiries()).hasSize(3);
    assertThat(bank.expiries().stream().map(e -> LocalDate.ofEpochDay(e.epochDay)).toList())
        .containsExactly(LocalDate.of(2025, 11, 25), LocalDate.of(2025, 12, 30), LocalDate.of(2026, 1, 27));
  }

  @Test
  void fiveUnderlyingsEachWithItsOwnSegmentStepLotAndCalendar() {
    JsonArray master = market.masterJson(null);
    Map<String, JsonObject> firstOption = new java.util.TreeMap<>();
    master.stream().map(JsonObject.class::cast).filter(r -> r.getString("underlying_symbol") != null)
        .forEach(r -> firstOption.putIfAbsent(r.getString("underlying_symbol"), r));
    assertThat(firstOption.keySet()).containsExactly("BANKNIFTY", "FINNIFTY", "MIDCPNIFTY", "NIFTY", "SENSEX");
    assertThat(firstOption.get("SENSEX").getString("segment")).isEqualTo("BSE_FO");
    assertThat(firstOption.get("SENSEX").getString("underlying_key")).isEqualTo("BSE_INDEX|SENSEX");
    assertThat(firstOption.get("SENSEX").getString("instrument_key")).startsWith("BSE_FO|");
    assertThat(firstOption.get("MIDCPNIFTY").getInteger("lot_size")).isEqualTo(120);
    assertThat(firstOption.get("NIFTY").getInteger("lot_size")).isEqualTo(65);
    var sensex = market.underlying("SENSEX");
    assertThat(sensex.expiries()).hasSize(4);
    assertThat(sensex.expiries()).allMatch(e -> LocalDate.ofEpochDay(e.epochDay).getDayOfWeek() == DayOfWeek.THURSDAY);
    var midcp = market.underlying("MIDCPNIFTY");
    assertThat(midcp.strikeStep).isEqualTo(25);
    // NSE's file has no BSE rows and BSE's no NSE rows
    assertThat(market.masterJson("NSE").stream().map(JsonObject.class::cast))
        .noneMatch(r -> r.getString("segment").startsWith("BSE"));
    assertThat(market.masterJson("BSE").stream().map(JsonObject.class::cast))
        .allMatch(r -> r.getString("segment").startsWith("BSE"));
  }

  @Test
  void atmVolatilityDiffersByExpiry() {
    SimMarket.Underlying nifty = market.underlying("NIFTY");
    double near = atmVol(nifty.expiries().get(0));
    double far = atmVol(nifty.expiries().get(3));
    assertThat(far).isGreaterThan(near + 0.005);
  }

  private double atmVol(SimMarket.Expiry e) {
    SimMarket.Instrument nearest = e.options.stream()
        .min(java.util.Comparator.comparingDouble(o -> Math.abs(o.strike - e.forward))).orElseThrow();
    return market.vol(nearest);
  }

  @Test
  void farStrikesTradeRarelyNearOnesOften() {
    SimMarket.Expiry e = market.underlying("NIFTY").expiries().get(0);
    SimMarket.Instrument atm = e.options.stream().filter(o -> o.call && o.strike == 23_700).findFirst().orElseThrow();
    SimMarket.Instrument far = e.options.stream().filter(o -> o.call && o.strike == 25_700).findFirst().orElseThrow();
    long farTrades = 0;
    long atmTrades = 0;
    for (int i = 1; i <= 1000; i++) {
      long before = far.lastTradeMs;
      long atmBefore = atm.lastTradeMs;
      market.maybeTrade(far, NOW + i);
      market.maybeTrade(atm, NOW + i);
      farTrades += far.lastTradeMs != before ? 1 : 0;
      atmTrades += atm.lastTradeMs != atmBefore ? 1 : 0;
    }
    assertThat(atmTrades).isGreaterThan(800);
    assertThat(farTrades).isLessThan(50);
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
    assertThat(market.vol(atmPut)).isBetween(0.09, 0.14);
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
