package org.optionstream.feed.tick;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.optionstream.common.pricing.ExpiryClock;
import org.optionstream.common.tick.InstrumentKind;
import org.optionstream.common.tick.Tick;
import org.optionstream.common.tick.TickSource;
import org.optionstream.feed.instruments.ExpiryChain;
import org.optionstream.feed.instruments.OptionContract;
import org.optionstream.feed.plan.ExpiryWindow;
import org.optionstream.upstox.proto.Feed;
import org.optionstream.upstox.proto.FeedResponse;
import org.optionstream.upstox.proto.FirstLevelWithGreeks;
import org.optionstream.upstox.proto.LTPC;
import org.optionstream.upstox.proto.MarketFullFeed;
import org.optionstream.upstox.proto.Quote;

/**
 * Turns decoded Upstox frames (and REST option-chain rows) into the internal {@link Tick}: merges
 * each update into the instrument's last known state, stamps the index price, the expiry's
 * forward ({@link org.optionstream.feed.forward.ForwardEstimator}), the window, lot size and a
 * per-instrument strictly increasing sequence. Index feeds of a frame are applied before its
 * option feeds, so options in the same frame already carry that index price.
 * Not thread-safe: one instance on the feed's event loop.
 */
public final class TickAssembler {

  /** Receives every assembled tick. */
  @FunctionalInterface
  public interface Sink {
    void accept(Tick tick);
  }

  /** Told about every index price, before the frame's option ticks are built. */
  @FunctionalInterface
  public interface SpotListener {
    /** @param atMillis the price's exchange time (a REST answer's receipt time), epoch ms */
    void onSpot(String symbol, double indexPrice, long atMillis);
  }

  /** Told about every feed key the feed does not know (not in a tracked expiry). */
  @FunctionalInterface
  public interface UnknownListener {
    void onUnknown(String instrumentKey);
  }

  private final double rate;
  private final Map<String, InstrumentState> instruments = new HashMap<>();
  private final Map<String, UnderlyingState> underlyings = new HashMap<>();
  private final Map<String, ExpiryState> expiries = new HashMap<>();
  private SpotListener spotListener = (s, p, t) -> { };
  private UnknownListener unknownListener = k -> { };

  /** @param rate risk-free rate for the forward, continuously compounded fraction per year */
  public TickAssembler(double rate) {
    this.rate = rate;
  }

  public TickAssembler onSpot(SpotListener listener) {
    this.spotListener = listener;
    return this;
  }

  public TickAssembler onUnknown(UnknownListener listener) {
    this.unknownListener = listener;
    return this;
  }

  /** Makes {@code indexKey} known as the index of {@code symbol}. */
  public void registerUnderlying(String symbol, String indexKey) {
    underlyings.computeIfAbsent(symbol, s -> {
      UnderlyingState u = new UnderlyingState(symbol, indexKey);
      instruments.put(indexKey, new InstrumentState(indexKey, symbol, InstrumentKind.INDEX, 0, 0, 0, null, u));
      return u;
    });
  }

  /** Makes every contract of {@code chain} known (its underlying must be registered). */
  public void registerExpiry(ExpiryChain chain) {
    UnderlyingState u = underlyings.get(chain.symbol());
    if (u == null) {
      throw new IllegalStateException("register the underlying " + chain.symbol() + " first");
    }
    String ek = chain.symbol() + '|' + chain.expiryEpochDay();
    if (expiries.containsKey(ek)) {
      return;
    }
    ExpiryState e = new ExpiryState(chain.symbol(), chain.expiryEpochDay(), rate);
    e.strikeStep = chain.strikeStep();
    e.lotSize = chain.lotSize();
    expiries.put(ek, e);
    for (OptionContract c : chain.contracts()) {
      instruments.put(c.instrumentKey(), new InstrumentState(c.instrumentKey(), c.symbol(),
          c.call() ? InstrumentKind.CALL : InstrumentKind.PUT, c.strike(), c.expiryEpochDay(), c.lotSize(), e, u));
    }
  }

  /** Updates the ATM, window and the ATM pair of every expiry in {@code windows}. */
  public void applyWindows(List<ExpiryWindow> windows) {
    for (ExpiryWindow w : windows) {
      ExpiryState e = expiries.get(w.symbol() + '|' + w.expiryEpochDay());
      if (e == null) {
        continue;
      }
      e.atmStrike = w.atmStrike();
      e.windowLow = w.lowStrike();
      e.windowHigh = w.highStrike();
      e.strikeStep = w.strikeStep();
      e.lotSize = w.lotSize();
      e.atmCall = null;
      e.atmPut = null;
    }
    for (InstrumentState s : instruments.values()) {
      ExpiryState e = s.expiry;
      if (e != null && s.strike == e.atmStrike) {
        if (s.kind == InstrumentKind.CALL) {
          e.atmCall = s;
        } else {
          e.atmPut = s;
        }
      }
    }
  }

  /**
   * Assembles one tick per known feed of a decoded frame (index feeds first).
   *
   * @param receivedAtMicros wall clock, epoch µs, when the frame arrived
   * @return ticks emitted
   */
  public int accept(FeedResponse frame, long receivedAtMicros, Sink sink) {
    Map<String, Feed> feeds = frame.getFeedsMap();
    if (feeds.isEmpty()) {
      return 0;
    }
    long frameTimeMs = frame.getCurrentTs();
    long fallbackMs = frameTimeMs > 0 ? frameTimeMs : receivedAtMicros / 1000;
    int emitted = 0;
    boolean sawOption = false;
    for (Map.Entry<String, Feed> entry : feeds.entrySet()) {
      InstrumentState s = instruments.get(entry.getKey());
      if (s == null) {
        unknownListener.onUnknown(entry.getKey());
      } else if (s.kind == InstrumentKind.INDEX) {
        long time = exchangeTime(s, merge(s, entry.getValue(), fallbackMs), frameTimeMs);
        if (s.lastPrice > 0) {
          s.underlying.spot = s.lastPrice;
          spotListener.onSpot(s.symbol, s.lastPrice, time);
        }
        sink.accept(build(s, TickSource.STREAM, time, receivedAtMicros));
        emitted++;
      } else {
        sawOption = true;
      }
    }
    if (sawOption) {
      for (Map.Entry<String, Feed> entry : feeds.entrySet()) {
        InstrumentState s = instruments.get(entry.getKey());
        if (s != null && s.kind != InstrumentKind.INDEX) {
          long time = exchangeTime(s, merge(s, entry.getValue(), fallbackMs), frameTimeMs);
          sink.accept(build(s, TickSource.STREAM, time, receivedAtMicros));
          emitted++;
        }
      }
    }
    return emitted;
  }

  /**
   * Assembles ticks from a REST option-chain answer ({@code data} rows of {@code /v2/option/chain}).
   * Every known option's state is updated (including {@code prev_oi}); ticks are emitted for the
   * index and for options {@code wanted} accepts, or for none when {@code sink} is null.
   *
   * @return ticks emitted
   */
  public int acceptChain(JsonArray rows, long receivedAtMicros, Predicate<String> wanted, Sink sink) {
    long timeMs = receivedAtMicros / 1000;
    int emitted = 0;
    boolean indexDone = false;
    for (int i = 0; i < rows.size(); i++) {
      if (!(rows.getValue(i) instanceof JsonObject row)) {
        continue;
      }
      if (!indexDone) {
        InstrumentState index = instruments.get(row.getString("underlying_key", ""));
        double spot = number(row, "underlying_spot_price");
        if (index != null && index.kind == InstrumentKind.INDEX && spot > 0) {
          indexDone = true;
          index.lastPrice = spot;
          index.underlying.spot = spot;
          spotListener.onSpot(index.symbol, spot, timeMs);
          if (sink != null) {
            sink.accept(build(index, TickSource.REST_POLL, exchangeTime(index, timeMs, 0), receivedAtMicros));
            emitted++;
          }
        }
      }
      for (String side : new String[] {"call_options", "put_options"}) {
        JsonObject option = row.getJsonObject(side);
        if (option == null) {
          continue;
        }
        InstrumentState s = instruments.get(option.getString("instrument_key", ""));
        if (s == null || s.kind == InstrumentKind.INDEX) {
          continue;
        }
        JsonObject md = option.getJsonObject("market_data");
        if (md == null) {
          continue;
        }
        mergeChain(s, md);
        if (sink != null && wanted.test(s.key)) {
          sink.accept(build(s, TickSource.REST_POLL, exchangeTime(s, timeMs, 0), receivedAtMicros));
          emitted++;
        }
      }
    }
    return emitted;
  }

  /**
   * The tick's exchange time, epoch ms: the later of the feed's last-trade time and the frame's
   * server timestamp (depth and OI are as of the frame even when the last trade is older), never
   * earlier than this instrument's previous tick, so (exchange time, sequence) stays monotonic per
   * instrument across stream and REST ticks and newest-wins consumers never drop a fresh update.
   */
  private static long exchangeTime(InstrumentState s, long candidateMs, long frameTimeMs) {
    long t = Math.max(Math.max(candidateMs, frameTimeMs), s.lastExchangeTimeMs);
    s.lastExchangeTimeMs = t;
    return t;
  }

  private static void mergeChain(InstrumentState s, JsonObject md) {
    double ltp = number(md, "ltp");
    if (ltp > 0) {
      s.lastPrice = ltp;
    }
    double close = number(md, "close_price");
    if (close > 0) {
      s.closePrice = close;
    }
    double oi = number(md, "oi");
    if (oi >= 0) {
      s.openInterest = oi;
    }
    double prevOi = number(md, "prev_oi");
    if (prevOi >= 0) {
      s.prevOpenInterest = prevOi;
    }
    double volume = number(md, "volume");
    if (volume >= 0) {
      s.volume = (long) volume;
    }
    double bid = number(md, "bid_price");
    double ask = number(md, "ask_price");
    if (bid >= 0 && ask >= 0) {
      s.bidPrice = bid;
      s.askPrice = ask;
      s.bidQty = (long) Math.max(0, number(md, "bid_qty"));
      s.askQty = (long) Math.max(0, number(md, "ask_qty"));
    }
  }

  /** -1 when absent or not a finite number. */
  private static double number(JsonObject o, String field) {
    Object v = o.getValue(field);
    if (v instanceof Number n) {
      double d = n.doubleValue();
      return Double.isFinite(d) ? d : -1;
    }
    return -1;
  }

  /** Merges one feed into the state; returns its exchange time, epoch ms. */
  private static long merge(InstrumentState s, Feed feed, long fallbackMs) {
    LTPC ltpc;
    switch (feed.getFeedUnionCase()) {
      case LTPC -> ltpc = feed.getLtpc();
      case FULLFEED -> {
        var full = feed.getFullFeed();
        if (full.hasMarketFF()) {
          MarketFullFeed m = full.getMarketFF();
          ltpc = m.getLtpc();
          if (m.hasMarketLevel() && m.getMarketLevel().getBidAskQuoteCount() > 0) {
            quote(s, m.getMarketLevel().getBidAskQuote(0));
          }
          volume(s, m.getVtt());
          openInterest(s, m.getOi());
        } else if (full.hasIndexFF()) {
          ltpc = full.getIndexFF().getLtpc();
        } else {
          ltpc = null;
        }
      }
      case FIRSTLEVELWITHGREEKS -> {
        FirstLevelWithGreeks g = feed.getFirstLevelWithGreeks();
        ltpc = g.getLtpc();
        if (g.hasFirstDepth()) {
          quote(s, g.getFirstDepth());
        }
        volume(s, g.getVtt());
        openInterest(s, g.getOi());
      }
      default -> ltpc = null;
    }
    if (ltpc == null) {
      return fallbackMs;
    }
    double ltp = ltpc.getLtp();
    if (ltp > 0 && Double.isFinite(ltp)) {
      s.lastPrice = ltp;
    }
    double cp = ltpc.getCp();
    if (cp > 0 && Double.isFinite(cp)) {
      s.closePrice = cp;
    }
    if (ltpc.getLtt() > 0) {
      s.lastTradeTimeMs = ltpc.getLtt();
    }
    return ltpc.getLtt() > 0 ? ltpc.getLtt() : fallbackMs;
  }

  private static void quote(InstrumentState s, Quote q) {
    double bid = q.getBidP();
    double ask = q.getAskP();
    if (bid >= 0 && ask >= 0 && Double.isFinite(bid) && Double.isFinite(ask)) {
      s.bidPrice = bid;
      s.askPrice = ask;
      s.bidQty = Math.max(0, q.getBidQ());
      s.askQty = Math.max(0, q.getAskQ());
    }
  }

  private static void volume(InstrumentState s, long vtt) {
    if (vtt >= 0) {
      s.volume = vtt;
    }
  }

  private static void openInterest(InstrumentState s, double oi) {
    if (oi >= 0 && Double.isFinite(oi)) {
      s.openInterest = oi;
    }
  }

  private Tick build(InstrumentState s, TickSource source, long exchangeTimeMs, long receivedAtMicros) {
    Tick.Builder b = Tick.newBuilder()
        .setInstrumentKey(s.key)
        .setSymbol(s.symbol)
        .setKind(s.kind)
        .setLastPrice(s.lastPrice)
        .setExchangeTimeMs(exchangeTimeMs)
        .setSequence(++s.sequence)
        .setClosePrice(s.closePrice)
        .setSource(source)
        .setFeedReceivedAtMicros(receivedAtMicros);
    if (s.kind == InstrumentKind.INDEX) {
      return b.setUnderlyingPrice(s.lastPrice).build();
    }
    ExpiryState e = s.expiry;
    double spot = s.underlying.spot;
    double years = ExpiryClock.yearsToExpiry(exchangeTimeMs, e.expiryInstantMs);
    e.forward.update(spot, e.atmStrike,
        e.atmCall == null ? 0 : e.atmCall.parityPrice(),
        e.atmPut == null ? 0 : e.atmPut.parityPrice(), years);
    b.setStrike(s.strike)
        .setExpiryEpochDay(s.expiryEpochDay)
        .setOpenInterest(s.openInterest)
        .setVolume(s.volume)
        .setBidPrice(s.bidPrice)
        .setAskPrice(s.askPrice)
        .setBidQty(s.bidQty)
        .setAskQty(s.askQty)
        .setUnderlyingPrice(spot)
        .setForward(e.forward.forward())
        .setForwardSource(e.forward.source())
        .setAtmStrike(Double.isNaN(e.atmStrike) ? 0 : e.atmStrike)
        .setWindowLowStrike(Double.isNaN(e.atmStrike) ? 0 : e.windowLow)
        .setWindowHighStrike(Double.isNaN(e.atmStrike) ? 0 : e.windowHigh)
        .setStrikeStep(Double.isNaN(e.strikeStep) ? 0 : e.strikeStep)
        .setLotSize(s.lotSize)
        .setLastTradeTimeMs(s.lastTradeTimeMs);
    if (!Double.isNaN(s.prevOpenInterest)) {
      b.setPrevOpenInterest(s.prevOpenInterest);
    }
    return b.build();
  }
}
