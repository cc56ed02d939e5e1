package org.optionstream.simulator;

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
 * Every call also advances the instrument's OI and volume one random step.
 */
public final class SimFrames {

  private final SimMarket market;

  public SimFrames(SimMarket market) {
    this.market = market;
  }

  /** The feed of {@code o} in {@code mode} (wire name: ltpc, option_greeks, full, full_d30) at {@code nowMs}. */
  public Feed feed(SimMarket.Instrument o, String mode, long nowMs) {
    market.drift(o);
    double price = market.price(o);
    LTPC ltpc = LTPC.newBuilder().setLtp(price).setLtt(nowMs).setLtq(o.index ? 0 : market.quantity(o))
        .setCp(o.close).build();
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
        return Feed.newBuilder().setFirstLevelWithGreeks(FirstLevelWithGreeks.newBuilder()
                .setLtpc(ltpc)
                .setFirstDepth(quote(o, price, h, 0))
                .setOptionGreeks(greeks(o))
                .setVtt(o.volume)
                .setOi(o.oi)
                .setIv(Math.round(market.vol(o) * 10_000) / 100.0))
            .setRequestMode(RequestMode.option_greeks).build();
      }
      case "full", "full_d5", "full_d30" -> {
        int levels = mode.equals("full_d30") ? 30 : 5;
        double h = SimMarket.halfSpread(price);
        MarketLevel.Builder depth = MarketLevel.newBuilder();
        for (int i = 0; i < levels; i++) {
          depth.addBidAskQuote(quote(o, price, h, i));
        }
        return Feed.newBuilder().setFullFeed(FullFeed.newBuilder().setMarketFF(MarketFullFeed.newBuilder()
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
                .setTsq(market.quantity(o) * 10.0)))
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
