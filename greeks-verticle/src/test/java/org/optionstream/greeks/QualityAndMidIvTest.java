package org.optionstream.greeks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optionstream.common.cluster.ConsumerPresence;
import org.optionstream.common.config.Env;
import org.optionstream.common.encoding.JsonBytesWriter;
import org.optionstream.common.json.GreeksUpdate;
import org.optionstream.common.pricing.ExpiryClock;
import org.optionstream.common.tick.ForwardSource;
import org.optionstream.common.tick.InstrumentKind;
import org.optionstream.common.tick.Tick;
import org.optionstream.common.time.IstTime;
import org.optionstream.common.pricing.Black76;

/** Every update says which of its numbers not to trust, and prices its mid quote too. */
class QualityAndMidIvTest {

  private static final double RATE = 0.10;
  private static final String EXPIRY = "2025-11-27";
  private static final long NOW = IstTime.parseTimestamp("2025-11-20T11:00:00.000+05:30");
  private static final double FORWARD = 23_530.0;

  /** Only its pricing is used: never deployed, so it needs no health checks. */
  private final GreeksVerticle greeks = new GreeksVerticle(GreeksConfig.from(new Env(Map.of())), new GreeksBook(), null,
      ConsumerPresence.local());

  private static Tick.Builder option(InstrumentKind kind, double strike, double price, double bid, double ask) {
    return Tick.newBuilder().setInstrumentKey("NSE_FO|1").setSymbol("NIFTY").setKind(kind).setStrike(strike)
        .setExpiryEpochDay(IstTime.epochDay(EXPIRY)).setLastPrice(price).setExchangeTimeMs(NOW).setSequence(1)
        .setOpenInterest(100_000).setVolume(65_000).setBidPrice(bid).setAskPrice(ask).setUnderlyingPrice(23_512)
        .setForward(FORWARD).setForwardSource(ForwardSource.SYNTHETIC).setLastTradeTimeMs(NOW - 2_000);
  }

  @Test
  void aLiquidOutOfTheMoneyQuoteIsCleanAndItsMidIvRepricesTheMid() {
    double years = ExpiryClock.yearsToExpiry(NOW, ExpiryClock.expiryInstantMillis(IstTime.epochDay(EXPIRY)));
    double mid = Black76.price(FORWARD, 23_700, years, 0.13, RATE, true);
    double bid = Math.floor(mid * 20 - 1) / 20;
    double ask = Math.ceil(mid * 20 + 1) / 20;
    GreeksUpdate u = greeks.compute(option(InstrumentKind.CALL, 23_700, mid, bid, ask).build());

    assertThat(u.toJson().getJsonArray("quality")).isEmpty();
    assertThat(u.ivMid()).isPositive();
    assertThat(Black76.price(FORWARD, 23_700, years, u.ivMid(), RATE, true)).isCloseTo((bid + ask) / 2, within(1e-9));
    // one-sided quote: no mid, so no ivMid
    assertThat(greeks.compute(option(InstrumentKind.CALL, 23_700, mid, 0, ask).build()).toJson().getValue("ivMid")).isNull();
  }

  @Test
  void aFarStrikeWhoseLastTradeIsOldWideAndOutsideTheQuoteIsFlaggedForEachReason() {
    Tick far = option(InstrumentKind.PUT, 22_500, 3.00, 1.10, 1.40).setLastTradeTimeMs(NOW - 61_000).build();
    JsonObject json = greeks.compute(far).toJson();
    assertThat(json.getJsonArray("quality").getList())
        .containsExactly("STALE_TRADE", "WIDE_SPREAD", "PRICE_OUTSIDE_QUOTE");
    assertThat(json.getLong("lastTradeTimeMs")).isEqualTo(NOW - 61_000);
    // a minute ago exactly is not yet stale
    assertThat(greeks.compute(far.toBuilder().setLastTradeTimeMs(NOW - 60_000).build()).toJson().getJsonArray("quality")
        .getList()).doesNotContain("STALE_TRADE");
  }

  @Test
  void inTheMoneyUntradedAndNearExpiryAreFlagged() {
    double years = ExpiryClock.yearsToExpiry(NOW, ExpiryClock.expiryInstantMillis(IstTime.epochDay(EXPIRY)));
    double itm = Black76.price(FORWARD, 23_000, years, 0.14, RATE, true);
    GreeksUpdate u = greeks.compute(option(InstrumentKind.CALL, 23_000, itm, itm - 0.5, itm + 0.5).setVolume(0).build());
    assertThat(u.toJson().getJsonArray("quality").getList()).containsExactly("NO_TRADE_TODAY", "IV_FROM_OTM_SIDE");

    long lastHalfHour = IstTime.parseTimestamp(EXPIRY + "T15:00:00.000+05:30");
    double tiny = Black76.price(FORWARD, 23_550, ExpiryClock.yearsToExpiry(lastHalfHour,
        ExpiryClock.expiryInstantMillis(IstTime.epochDay(EXPIRY))), 0.12, RATE, true);
    GreeksUpdate late = greeks.compute(option(InstrumentKind.CALL, 23_550, tiny, tiny - 0.05, tiny + 0.05)
        .setExchangeTimeMs(lastHalfHour).setLastTradeTimeMs(lastHalfHour).build());
    assertThat(late.toJson().getJsonArray("quality").getList()).contains("NEAR_EXPIRY");
  }

  @Test
  void theEncodedUpdateCarriesTheSameFlagsAndMidIvAsItsJson() {
    GreeksUpdate u = greeks.compute(option(InstrumentKind.PUT, 22_500, 3.00, 1.10, 1.40)
        .setLastTradeTimeMs(NOW - 120_000).build());
    JsonBytesWriter w = new JsonBytesWriter();
    u.writeData(w);
    JsonObject encoded = new JsonObject(new String(w.toByteArray(), java.nio.charset.StandardCharsets.UTF_8));
    assertThat(encoded).isEqualTo(u.toJson());
    assertThat(GreeksUpdate.fromJson(encoded).quality()).isEqualTo(u.quality());
  }
}
