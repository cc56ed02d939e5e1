package org.optionstream.alerts;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneId;
import org.optionstream.common.Addresses;
import org.optionstream.common.json.GreeksUpdateFrame;
import org.optionstream.common.json.GreeksUpdateFrames;
import org.optionstream.common.tick.InstrumentKind;
import org.optionstream.common.tick.Tick;
import org.optionstream.common.tick.TickBatch;

/** Publishes what the pipeline would, for one NIFTY expiry a week ahead: ticks, greeks updates, pcr updates. */
public final class Market {

  public static final String SYMBOL = "NIFTY";
  public static final LocalDate EXPIRY_DATE = LocalDate.now(ZoneId.of("Asia/Kolkata")).plusDays(7);
  public static final String EXPIRY = EXPIRY_DATE.toString();

  private final Vertx vertx;
  private long sequence;

  public Market(Vertx vertx) {
    this.vertx = vertx;
  }

  public static String key(String type, double strike) {
    return "NSE_FO|" + type + (long) strike;
  }

  /** One option tick per strike and type, with the feed's ATM strike (teaches contracts and ATM). */
  public void chainTicks(double atm, double... strikes) {
    TickBatch.Builder batch = TickBatch.newBuilder();
    for (double strike : strikes) {
      for (String type : new String[] {"CE", "PE"}) {
        batch.addTicks(Tick.newBuilder().setInstrumentKey(key(type, strike)).setSymbol(SYMBOL)
            .setKind("CE".equals(type) ? InstrumentKind.CALL : InstrumentKind.PUT).setStrike(strike)
            .setExpiryEpochDay((int) EXPIRY_DATE.toEpochDay()).setAtmStrike(atm).setLastPrice(100)
            .setExchangeTimeMs(System.currentTimeMillis()).setSequence(++sequence).build());
      }
    }
    vertx.eventBus().publish(Addresses.MARKET_TICKS_BATCH, batch.build());
  }

  /** The index at {@code level}. */
  public void index(double level) {
    vertx.eventBus().publish(Addresses.MARKET_TICKS_BATCH, TickBatch.newBuilder().addTicks(Tick.newBuilder()
        .setInstrumentKey("NSE_INDEX|Nifty 50").setSymbol(SYMBOL).setKind(InstrumentKind.INDEX)
        .setLastPrice(level).setExchangeTimeMs(System.currentTimeMillis()).setSequence(++sequence).build()).build());
  }

  /** A greeks update of one option with that delta and IV. */
  public void greeks(String type, double strike, double delta, double iv) {
    JsonObject data = new JsonObject().put("instrumentKey", key(type, strike)).put("symbol", SYMBOL)
        .put("expiry", EXPIRY).put("strike", strike).put("type", type).put("price", 100.0).put("iv", iv)
        .put("oi", 1000.0).put("greeks", new JsonObject().put("delta", delta))
        .put("exchangeTimeMs", System.currentTimeMillis()).put("sequence", ++sequence);
    vertx.eventBus().publish(Addresses.GREEKS_UPDATE_FRAMES, GreeksUpdateFrames.of(GreeksUpdateFrame.of(data)));
  }

  /** A chain-analytics message of the expiry with that straddle price and zero-gamma level (null: none). */
  public void analytics(double straddle, Double gexFlip) {
    vertx.eventBus().publish(Addresses.CHAIN_ANALYTICS, new JsonObject().put("symbol", SYMBOL).put("expiry", EXPIRY)
        .put("atmIv", 0.12).put("straddle", new JsonObject().put("strike", 23500.0).put("price", straddle))
        .put("gex", new JsonObject().put("total", -1.0e9).put("flip", gexFlip))
        .put("exchangeTimeMs", System.currentTimeMillis()));
  }

  /** A greeks update of an option whose message is cut short (a broken publisher). */
  public void brokenGreeks(String type, double strike) {
    byte[] cut = (GreeksUpdateFrame.MESSAGE_PREFIX + "{\"instrumentKey\":\"" + key(type, strike) + "\",\"greeks\":{\"del")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    vertx.eventBus().publish(Addresses.GREEKS_UPDATE_FRAMES, GreeksUpdateFrames.of(new GreeksUpdateFrame(
        key(type, strike), SYMBOL, EXPIRY, System.currentTimeMillis(), ++sequence, cut)));
  }

  /** A pcr update of the expiry. */
  public void pcr(double pcr) {
    vertx.eventBus().publish(Addresses.PCR_UPDATE, new JsonObject().put("symbol", SYMBOL).put("expiry", EXPIRY)
        .put("pcr", pcr).put("exchangeTimeMs", System.currentTimeMillis()));
  }
}
