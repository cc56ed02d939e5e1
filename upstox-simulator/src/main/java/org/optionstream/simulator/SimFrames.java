package org.optionstream.simulator;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import org.optionstream.upstox.proto.Feed;
import org.optionstream.upstox.proto.FirstLevelWithGreeks;
import org.optionstream.upstox.proto.FullFeed;
import org.optionstream.upstox.proto.IndexFullFeed;
import org.optionstream.upstox.proto.LTPC;
import org.optionstream.upstox.proto.MarketFullFeed;
import org.optionstream.upstox.proto.MarketLevel;
import org.optionstream.upstox.proto.MarketOHLC;
import org.optionstream.upstox.proto.OHLC;
import org.optionstream.upstox.proto.OptionGreeks;
import org.optionstream.upstox.proto.Quote;
import org.optionstream.upstox.proto.RequestMode;

/**
 * Builds one V3 {@link Feed} for an instrument in a subscription mode, the way Upstox shapes them:
 * {@code ltpc} → {@code Feed.ltpc}; {@code option_greeks} → {@code firstLevelWithGreeks};
 * {@code full}/{@code full_d30} → {@code fullFeed.marketFF} (5 or 30 depth levels) or, for an index,
 * {@code fullFeed.indexFF}. Index keys have no depth or greeks: in {@code option_greeks} they answer ltpc.
 * Every call also advances the instrument's OI and volume one random step. With {@link #newerSchema} on,
 * {@code marketFF} and {@code firstLevelWithGreeks} also carry six fields this project's copy of the schema
 * does not define, as frames do after Upstox adds fields (it added six to {@code MarketFullFeed} in 2026).
 */
public final class SimFrames {

  /** Six fields past the known ones, of every wire type a newer schema could use. */
  private static final UnknownFieldSet NEWER_FIELDS_FULL = newerFields(11);
  private static final UnknownFieldSet NEWER_FIELDS_GREEKS = newerFields(7);

  private final SimMarket market;
  private boolean newerSchema;

  public SimFrames(SimMarket market) {
    this.market = market;
  }

  /** From now on, frames carry fields the feed's schema does not know (or no longer, with false). */
  public void newerSchema(boolean on) {
    this.newerSchema = on;
  }

  private static UnknownFieldSet newerFields(int firstNumber) {
    UnknownFieldSet nested = UnknownFieldSet.newBuilder()
        .addField(1, UnknownFieldSet.Field.newBuilder().addVarint(7).build()).build();
    return UnknownFieldSet.newBuilder()
        .addField(firstNumber, UnknownFieldSet.Field.newBuilder().addFixed64(Double.doubleToLongBits(0.4321)).build())
        .addField(firstNumber + 1, UnknownFieldSet.Field.newBuilder().addVarint(1_763_600_000_000L).build())
        .addField(firstNumber + 2, UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8("NSE")).build())
        .addField(firstNumber + 3, UnknownFieldSet.Field.newBuilder().addLengthDelimited(nested.toByteString()).build())
        .addField(firstNumber + 4, UnknownFieldSet.Field.newBuilder().addFixed32(Float.floatToIntBits(1.5f)).build())
        .addField(firstNumber + 5, UnknownFieldSet.Field.newBuilder().addVarint(3).addVarint(4).build())
        .build();
  }

  /** The feed of {@code o} in {@code mode} (wire name: ltpc, option_greeks, full, full_d30) at {@code nowMs}. */
  public Feed feed(SimMarket.Instrument o, String mode, long nowMs) {
    market.drift(o);
    market.maybeTrade(o, nowMs);
    double price = market.price(o);
    LTPC ltpc = LTPC.newBuilder().setLtp(market.lastPrice(o)).setLtt(market.lastTradeMs(o, nowMs))
        .setLtq(o.index ? 0 : market.quantity(o)).setCp(o.close).build();
    if (o.index) {
      if (mode.startsWith("full")) {
        SimMarket.Underlying u = o.underlying;
        return Feed.newBuilder().setFullFeed(FullFeed.newBuilder().setIndexFF(IndexFullFeed.newBuilder()
                .setLtpc(ltpc)
                .setMarketOHLC(MarketOHLC.newBuilder().addOhlc(OHLC.newBuilder().setInterval("1d").setOpen(u.dayOpen)
                    .setHigh(u.dayHigh).setLow(u.dayLow).setClose(price).setTs(nowMs)))))
            .setRequestMode(RequestMode.full_d5).build();
      }
      return Feed.newBuilder().setLtpc(ltpc).setRequestMode(RequestMode.ltpc).build();
    }
    switch (mode) {
      case "option_greeks" -> {
        double h = SimMarket.halfSpread(price);
        FirstLevelWithGreeks.Builder g = FirstLevelWithGreeks.newBuilder()
            .setLtpc(ltpc)
            .setFirstDepth(quote(o, price, h, 0))
            .setOptionGreeks(greeks(o))
            .setVtt(o.volume)
            .setOi(o.oi)
            .setIv(Math.round(market.vol(o) * 10_000) / 100.0);
        if (newerSchema) {
          g.setUnknownFields(NEWER_FIELDS_GREEKS);
        }
        return Feed.newBuilder().setFirstLevelWithGreeks(g).setRequestMode(RequestMode.option_greeks).build();
      }
      case "full", "full_d5", "full_d30" -> {
        int levels = mode.equals("full_d30") ? 30 : 5;
        double h = SimMarket.halfSpread(price);
        MarketLevel.Builder depth = MarketLevel.newBuilder();
        for (int i = 0; i < levels; i++) {
          depth.addBidAskQuote(quote(o, price, h, i));
        }
        MarketFullFeed.Builder full = MarketFullFeed.newBuilder()
            .setLtpc(ltpc)
            .setMarketLevel(depth)
            .setOptionGreeks(greeks(o))
            .setMarketOHLC(MarketOHLC.newBuilder().addOhlc(OHLC.newBuilder().setInterval("1d").setOpen(o.close)
                .setHigh(Math.max(o.close, price)).setLow(Math.min(o.close, price)).setClose(price)
                .setVol(o.volume).setTs(nowMs)))
            .setAtp(price)
            .setVtt(o.volume)
            .setOi(o.oi)
            .setIv(Math.round(market.vol(o) * 10_000) / 100.0)
            .setTbq(market.quantity(o) * 10.0)
            .setTsq(market.quantity(o) * 10.0);
        if (newerSchema) {
          full.setUnknownFields(NEWER_FIELDS_FULL);
        }
        // Upstox answers a "full" subscription with requestMode full_d5
        return Feed.newBuilder().setFullFeed(FullFeed.newBuilder().setMarketFF(full))
            .setRequestMode(levels == 30 ? RequestMode.full_d30 : RequestMode.full_d5).build();
      }
      default -> {
        return Feed.newBuilder().setLtpc(ltpc).setRequestMode(RequestMode.ltpc).build();
      }
    }
  }

  private Quote quote(SimMarket.Instrument o, double price, double halfSpread, int level) {
    double bid = SimMarket.roundTick(price - halfSpread - level * 0.05);
    double ask = SimMarket.roundTick(price + halfSpread + level * 0.05);
    return Quote.newBuilder().setBidP(Math.max(0.05, bid)).setBidQ(market.quantity(o))
        .setAskP(ask).setAskQ(market.quantity(o)).build();
  }

  private OptionGreeks greeks(SimMarket.Instrument o) {
    double[] g = market.greeks(o);
    return OptionGreeks.newBuilder().setDelta(g[0]).setGamma(g[1]).setVega(g[2]).setTheta(g[3]).setRho(g[4]).build();
  }
}
