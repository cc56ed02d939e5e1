package org.optionstream.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.optionstream.common.pricing.Black76;
import org.optionstream.common.pricing.ExpiryClock;
import org.optionstream.common.pricing.GreeksResult;
import org.optionstream.common.time.IstTime;

/**
 * The simulated market: the five index-option underlyings of {@link SimUnderlyings} (NIFTY weekly on
 * Tuesdays; BANKNIFTY, FINNIFTY and MIDCPNIFTY monthly on the last Tuesday; SENSEX on BSE weekly on
 * Thursdays), each index following seeded geometric Brownian motion, their listed options priced by
 * Black-76 on each expiry's forward F = S·e^((r−q)T) with a volatility surface (a smile per expiry, and
 * an ATM level that differs by expiry), a bid/ask around each model price, open interest that drifts from
 * a previous-day value, and trades that come often near the money and rarely far from it (so a far
 * strike's last price goes stale while its quotes move, as in the real market). Expiries are generated
 * relative to the current date (the master file carries them as epoch ms at 23:59:59 IST, like Upstox's).
 * Not thread-safe: used on the simulator's event loop.
 */
public final class SimMarket {

  /** Dividend yield of the simulated indices, fraction per year. */
  static final double DIVIDEND_YIELD = 0.012;
  private static final ZoneOffset IST = IstTime.IST_OFFSET;
  private static final DateTimeFormatter SYMBOL_DATE = DateTimeFormatter.ofPattern("dd MMM yy", Locale.ENGLISH);
  private static final double TICK = 0.05;

  /** One simulated underlying. */
  public static final class Underlying {
    final SimUnderlyings.Spec spec;
    public final String symbol;
    public final String indexKey;
    public final String indexName;
    public final double strikeStep;
    public final int lotSize;
    /** ATM volatility, fraction per year. */
    public final double atmVol;
    final List<Expiry> expiries = new ArrayList<>();
    final Instrument index;
    double spot;
    double prevClose;
    double dayHigh;
    double dayLow;
    double dayOpen;

    Underlying(SimUnderlyings.Spec spec, double spot) {
      this.spec = spec;
      this.symbol = spec.symbol();
      this.indexKey = spec.indexKey();
      this.indexName = spec.indexName();
      this.strikeStep = spec.strikeStep();
      this.lotSize = spec.lotSize();
      this.atmVol = spec.atmVol();
      this.spot = spot;
      this.prevClose = spot;
      this.dayOpen = spot;
      this.dayHigh = spot;
      this.dayLow = spot;
      this.index = new Instrument(indexKey, indexName, this, null, true, false, 0);
    }

    /** The exchange segment of its options, {@code NSE_FO} or {@code BSE_FO}. */
    public String optionSegment() {
      return spec.optionSegment();
    }

    /** The exchange segment of its index, {@code NSE_INDEX} or {@code BSE_INDEX}. */
    public String indexSegment() {
      return spec.indexSegment();
    }

    public double spot() {
      return spot;
    }

    public List<Expiry> expiries() {
      return Collections.unmodifiableList(expiries);
    }
  }

  /** One expiry of an underlying, with its forward and discount factor refreshed on every advance. */
  public static final class Expiry {
    public final int epochDay;
    /** 23:59:59 IST of the expiry date, epoch ms (the master file's convention). */
    public final long masterExpiryMs;
    /** 15:30 IST of the expiry date, epoch ms (when it stops trading). */
    public final long expiryInstantMs;
    public final boolean weekly;
    final List<Instrument> options = new ArrayList<>();
    double years;
    double forward;
    double discount;

    Expiry(int epochDay, boolean weekly) {
      this.epochDay = epochDay;
      LocalDate date = LocalDate.ofEpochDay(epochDay);
      this.masterExpiryMs = date.atTime(23, 59, 59).toEpochSecond(IST) * 1000L;
      this.expiryInstantMs = ExpiryClock.expiryInstantMillis(epochDay);
      this.weekly = weekly;
    }
  }

  /** One instrument (index or option) and its mutable session state. */
  public static final class Instrument {
    public final String key;
    public final String tradingSymbol;
    public final Underlying underlying;
    public final Expiry expiry;
    public final boolean index;
    public final boolean call;
    public final double strike;
    double prevOi;
    double oi;
    long volume;
    double close;
    /** Price of the last trade, rupees (the previous close until the first trade today). */
    double lastTradePrice;
    /** Time of the last trade, epoch ms (the previous session's close until the first trade today). */
    long lastTradeMs;

    Instrument(String key, String tradingSymbol, Underlying underlying, Expiry expiry, boolean index, boolean call,
               double strike) {
      this.key = key;
      this.tradingSymbol = tradingSymbol;
      this.underlying = underlying;
      this.expiry = expiry;
      this.index = index;
      this.call = call;
      this.strike = strike;
    }
  }

  private final SimulatorConfig config;
  private final SplittableRandom random;
  private final Map<String, Underlying> underlyings = new LinkedHashMap<>();
  private final Map<String, Instrument> instruments = new HashMap<>();
  private long lastAdvanceMs;

  /** Builds the market as of {@code nowMs} (expiries relative to that day in IST). */
  public SimMarket(SimulatorConfig config, long nowMs) {
    this.config = config;
    this.random = new SplittableRandom(config.seed());
    this.lastAdvanceMs = nowMs;
    LocalDate today = java.time.Instant.ofEpochMilli(nowMs).atOffset(IST).toLocalDate();
    boolean pastClose = java.time.Instant.ofEpochMilli(nowMs).atOffset(IST).toLocalTime().isAfter(LocalTime.of(15, 30));
    long previousCloseMs = today.minusDays(1).atTime(15, 29, 59).toEpochSecond(IST) * 1000L;
    int nseToken = 40_001;
    int bseToken = 800_001;
    for (SimUnderlyings.Spec spec : SimUnderlyings.ALL) {
      Underlying u = new Underlying(spec, config.spot(spec.symbol()));
      for (LocalDate d : expiryDates(spec, today, pastClose)) {
        boolean monthly = d.equals(d.with(TemporalAdjusters.lastInMonth(spec.expiryDay())));
        u.expiries.add(new Expiry((int) d.toEpochDay(), !monthly));
      }
      underlyings.put(u.symbol, u);
      instruments.put(u.indexKey, u.index);
      double centre = Math.round(u.spot / u.strikeStep) * u.strikeStep;
      for (Expiry e : u.expiries) {
        String date = SYMBOL_DATE.format(LocalDate.ofEpochDay(e.epochDay)).toUpperCase(Locale.ROOT);
        for (int i = -spec.strikesEachSide(); i <= spec.strikesEachSide(); i++) {
          double k = centre + i * u.strikeStep;
          for (boolean call : new boolean[] {true, false}) {
            String key = spec.optionSegment() + "|" + (spec.optionSegment().startsWith("BSE") ? bseToken++ : nseToken++);
            Instrument o = new Instrument(key, u.symbol + " " + (long) k + (call ? " CE " : " PE ") + date, u, e, false, call, k);
            e.options.add(o);
            instruments.put(key, o);
          }
        }
      }
    }
    refresh(nowMs);
    for (Underlying u : underlyings.values()) {
      for (Expiry e : u.expiries) {
        for (Instrument o : e.options) {
          o.prevOi = initialOpenInterest(o);
          o.oi = Math.max(0, Math.round(o.prevOi * (1 + 0.05 * random.nextGaussian()) / u.lotSize) * u.lotSize);
          o.close = Math.max(TICK, roundTick(price(o) * (1 + 0.04 * random.nextGaussian())));
          o.lastTradePrice = o.close;
          o.lastTradeMs = previousCloseMs;
          // far strikes may not have traded yet today
          o.volume = random.nextDouble() < tradeProbability(o) * 20 ? (long) u.lotSize * random.nextInt(1, 2_000) : 0;
          if (o.volume > 0) {
            o.lastTradePrice = Math.max(TICK, roundTick(price(o) * (1 + 0.01 * random.nextGaussian())));
            o.lastTradeMs = nowMs - random.nextLong(1_000, 600_000);
          }
        }
      }
      u.index.close = u.prevClose;
    }
  }

  /** The expiry dates listed for {@code spec} as of {@code today}, ascending. */
  private List<LocalDate> expiryDates(SimUnderlyings.Spec spec, LocalDate today, boolean pastClose) {
    List<LocalDate> dates = new ArrayList<>();
    if (spec.calendar() == SimUnderlyings.Calendar.WEEKLY) {
      LocalDate first = today.with(TemporalAdjusters.nextOrSame(spec.expiryDay()));
      if (first.equals(today) && pastClose) {
        first = first.plusWeeks(1);
      }
      for (int w = 0; w < config.weeklyExpiries(); w++) {
        dates.add(first.plusWeeks(w));
      }
      return dates;
    }
    LocalDate month = today;
    while (dates.size() < config.monthlyExpiries()) {
      LocalDate last = month.with(TemporalAdjusters.lastInMonth(spec.expiryDay()));
      if (last.isAfter(today) || (last.equals(today) && !pastClose)) {
        dates.add(last);
      }
      month = month.plusMonths(1).withDayOfMonth(1);
    }
    return dates;
  }

  /** Previous-day OI: a hump of lots around the money (calls above, puts below), more on round strikes. */
  private double initialOpenInterest(Instrument o) {
    Underlying u = o.underlying;
    double centre = u.spot * (o.call ? 1.01 : 0.99);
    double width = 0.025 * u.spot * Math.sqrt(Math.max(o.expiry.years * 52, 1)) * u.atmVol / 0.12;
    double z = (o.strike - centre) / width;
    double lots = 120_000 * Math.exp(-z * z) + 2_000;
    if (Math.round(o.strike) % (10 * Math.round(u.strikeStep)) == 0) {
      lots *= 1.5;
    }
    if (u.expiries.get(0) != o.expiry) {
      lots *= 0.4;
    }
    lots *= 1 + 0.3 * random.nextDouble();
    return Math.round(lots) * (double) u.lotSize;
  }

  /** Evolves every index by the GBM over the (time-scaled) wall time since the last call. */
  public void advance(long nowMs) {
    long dtMs = nowMs - lastAdvanceMs;
    if (dtMs <= 0) {
      return;
    }
    lastAdvanceMs = nowMs;
    double dtYears = Math.min(dtMs, 60_000) / 1000.0 * config.timeScale() / ExpiryClock.SECONDS_PER_YEAR;
    for (Underlying u : underlyings.values()) {
      double sigma = u.atmVol;
      u.spot *= Math.exp(-0.5 * sigma * sigma * dtYears + sigma * Math.sqrt(dtYears) * random.nextGaussian());
      u.dayHigh = Math.max(u.dayHigh, u.spot);
      u.dayLow = Math.min(u.dayLow, u.spot);
    }
    refresh(nowMs);
  }

  /** Moves an index to {@code price} (tests: cross strikes on demand); the path continues from there. */
  public void setSpot(String symbol, double price, long nowMs) {
    Underlying u = underlying(symbol);
    if (u == null || !(price > 0)) {
      throw new IllegalArgumentException("unknown symbol or bad price: " + symbol + " " + price);
    }
    u.spot = price;
    u.dayHigh = Math.max(u.dayHigh, price);
    u.dayLow = Math.min(u.dayLow, price);
    refresh(nowMs);
  }

  private void refresh(long nowMs) {
    for (Underlying u : underlyings.values()) {
      for (Expiry e : u.expiries) {
        e.years = Math.max(ExpiryClock.yearsToExpiry(nowMs, e.expiryInstantMs), 0.0);
        e.forward = u.spot * Math.exp((config.rate() - DIVIDEND_YIELD) * e.years);
        e.discount = Math.exp(-config.rate() * e.years);
      }
    }
  }

  /** Smile: σ(K) = σ_atm − 0.12·x + 0.26·x², x = ln(K/F)/√T, floored at 5 % and capped at 150 %. */
  public static double smileVol(double atmVol, double forward, double strike, double years) {
    return smileVol(atmVol, -0.12, 0.26, forward, strike, years);
  }

  /** Smile: σ(K) = σ_atm + skew·x + curvature·x², x = ln(K/F)/√T, floored at 5 % and capped at 150 %. */
  static double smileVol(double atmVol, double skew, double curvature, double forward, double strike, double years) {
    double x = Math.log(strike / forward) / Math.sqrt(Math.max(years, 1.0 / 365 / 24));
    return Math.min(1.5, Math.max(0.05, atmVol + skew * x + curvature * x * x));
  }

  /**
   * The ATM volatility of an expiry {@code years} away: σ_atm(T) = atmVol · (1 + termSlope · ln(T / 30 days)),
   * kept within [0.6, 1.6] × atmVol (the term structure: near expiries cheaper than far ones when termSlope > 0).
   */
  static double termAtmVol(Underlying u, double years) {
    double t = Math.max(years, 1.0 / 365 / 24);
    double factor = 1 + u.spec.termSlope() * Math.log(t * 365 / 30);
    return u.atmVol * Math.min(1.6, Math.max(0.6, factor));
  }

  /** The volatility of an option now, fraction per year. */
  public double vol(Instrument o) {
    Underlying u = o.underlying;
    Expiry e = o.expiry;
    return smileVol(termAtmVol(u, e.years), u.spec.skew(), u.spec.curvature(), e.forward, o.strike, e.years);
  }

  /** Black-76 price on the expiry's forward with the smile, rounded to the 0.05 tick (index: the spot). */
  public double price(Instrument o) {
    if (o.index) {
      return Math.round(o.underlying.spot * 100) / 100.0;
    }
    Expiry e = o.expiry;
    double sigmaRootT = vol(o) * Math.sqrt(e.years);
    double p = e.discount * Black76.undiscountedPrice(e.forward, o.strike, sigmaRootT, o.call);
    return Math.max(TICK, roundTick(p));
  }

  /** Half the bid/ask spread around {@code price}, rupees: 0.15 % of price, at least one tick. */
  public static double halfSpread(double price) {
    return Math.max(TICK, roundTick(price * 0.0015));
  }

  /** One random step of OI (a few lots either way, never negative). */
  public void drift(Instrument o) {
    if (o.index) {
      return;
    }
    int lot = o.underlying.lotSize;
    long lots = Math.round(random.nextGaussian() * 30 + 2);
    o.oi = Math.max(0, o.oi + lots * (double) lot);
  }

  /**
   * Chance that an option trades between two of its feeds: 1 at the money, e^(−m/5) at m strike steps from
   * the forward, at least 0.2 %: liquid near the money, a far strike trades once a minute or less.
   */
  double tradeProbability(Instrument o) {
    double m = Math.abs(o.strike - o.expiry.forward) / o.underlying.strikeStep;
    return Math.max(0.002, Math.exp(-m / 5));
  }

  /**
   * Maybe a trade at {@code nowMs} (probability {@link #tradeProbability}) at the model price: the last
   * trade's price, time and today's volume move only when one happens.
   */
  public void maybeTrade(Instrument o, long nowMs) {
    if (o.index || random.nextDouble() >= tradeProbability(o)) {
      return;
    }
    o.lastTradePrice = price(o);
    o.lastTradeMs = nowMs;
    o.volume += (long) o.underlying.lotSize * (1 + random.nextInt(40));
  }

  /** The last trade's price, rupees (the index: its level). */
  public double lastPrice(Instrument o) {
    return o.index ? price(o) : o.lastTradePrice;
  }

  /** The last trade's time, epoch ms ({@code nowMs} for an index, which ticks continuously). */
  public long lastTradeMs(Instrument o, long nowMs) {
    return o.index ? nowMs : o.lastTradeMs;
  }

  /** A random quantity of 1-20 lots. */
  public long quantity(Instrument o) {
    return (long) Math.max(o.underlying.lotSize, 1) * (1 + random.nextInt(20));
  }

  /**
   * The option's Greeks at its smile volatility {delta, gamma, vega (per vol point), theta (per day), rho (per 1 %)},
   * from the project's Black-76 ({@code docs/pricing.md}), as Upstox's {@code option_greeks} carry them.
   */
  public double[] greeks(Instrument o) {
    Expiry e = o.expiry;
    GreeksResult g = new GreeksResult();
    Black76.greeks(e.forward, o.strike, Math.max(e.years, 1e-9), config.rate(), vol(o), o.call, g);
    return new double[] {g.delta, g.gamma, g.vega, g.theta, g.rho};
  }

  public Underlying underlying(String symbol) {
    return symbol == null ? null : underlyings.get(symbol.toUpperCase(Locale.ROOT));
  }

  public Underlying underlyingByIndexKey(String indexKey) {
    for (Underlying u : underlyings.values()) {
      if (u.indexKey.equals(indexKey)) {
        return u;
      }
    }
    return null;
  }

  public List<Underlying> underlyings() {
    return List.copyOf(underlyings.values());
  }

  public Instrument instrument(String key) {
    return instruments.get(key);
  }

  /**
   * The instruments master of one exchange, as Upstox's {@code NSE.json} / {@code BSE.json} rows (index, option
   * and, for NSE, one equity row), or of both ({@code exchange} null: {@code complete.json}).
   */
  public JsonArray masterJson(String exchange) {
    JsonArray rows = new JsonArray();
    for (Underlying u : underlyings.values()) {
      String ex = u.optionSegment().substring(0, 3);
      if (exchange != null && !exchange.equals(ex)) {
        continue;
      }
      rows.add(new JsonObject().put("segment", u.indexSegment()).put("name", u.indexName).put("exchange", ex)
          .put("instrument_type", "INDEX").put("instrument_key", u.indexKey)
          .put("exchange_token", u.spec.indexToken()).put("trading_symbol", u.symbol));
      for (Expiry e : u.expiries) {
        for (Instrument o : e.options) {
          rows.add(new JsonObject()
              .put("weekly", e.weekly).put("segment", u.optionSegment()).put("name", u.symbol).put("exchange", ex)
              .put("expiry", e.masterExpiryMs).put("instrument_type", o.call ? "CE" : "PE")
              .put("asset_symbol", u.symbol).put("underlying_symbol", u.symbol).put("instrument_key", o.key)
              .put("lot_size", u.lotSize).put("freeze_quantity", 24.0 * u.lotSize)
              .put("exchange_token", o.key.substring(o.key.indexOf('|') + 1)).put("minimum_lot", u.lotSize)
              .put("asset_key", u.indexKey).put("underlying_key", u.indexKey).put("tick_size", 5.0)
              .put("asset_type", "INDEX").put("underlying_type", "INDEX").put("trading_symbol", o.tradingSymbol)
              .put("strike_price", o.strike).put("qty_multiplier", 1.0));
        }
      }
    }
    if (exchange == null || exchange.equals("NSE")) {
      rows.add(new JsonObject().put("segment", "NSE_EQ").put("name", "RELIANCE INDUSTRIES LTD").put("exchange", "NSE")
          .put("isin", "INE002A01018").put("instrument_type", "EQ").put("instrument_key", "NSE_EQ|INE002A01018")
          .put("lot_size", 1).put("exchange_token", "2885").put("tick_size", 10.0).put("trading_symbol", "RELIANCE"));
    }
    return rows;
  }

  /** The {@code /v2/option/chain} rows of one underlying and expiry, or null when not listed. */
  public JsonArray optionChain(String indexKey, LocalDate expiry) {
    Underlying u = underlyingByIndexKey(indexKey);
    if (u == null) {
      return null;
    }
    Expiry e = u.expiries.stream().filter(x -> x.epochDay == expiry.toEpochDay()).findFirst().orElse(null);
    if (e == null) {
      return null;
    }
    double totalCe = 0;
    double totalPe = 0;
    for (Instrument o : e.options) {
      if (o.call) {
        totalCe += o.oi;
      } else {
        totalPe += o.oi;
      }
    }
    double pcr = totalCe > 0 ? Math.round(totalPe / totalCe * 100) / 100.0 : 0;
    JsonArray rows = new JsonArray();
    for (int i = 0; i + 1 < e.options.size(); i += 2) {
      Instrument call = e.options.get(i);
      Instrument put = e.options.get(i + 1);
      rows.add(new JsonObject()
          .put("expiry", expiry.toString()).put("pcr", pcr).put("strike_price", call.strike)
          .put("underlying_key", u.indexKey).put("underlying_spot_price", price(u.index))
          .put("call_options", chainSide(call)).put("put_options", chainSide(put)));
    }
    return rows;
  }

  private JsonObject chainSide(Instrument o) {
    double p = price(o);
    double h = halfSpread(p);
    double[] g = greeks(o);
    return new JsonObject().put("instrument_key", o.key)
        .put("market_data", new JsonObject().put("ltp", lastPrice(o)).put("volume", o.volume).put("oi", o.oi)
            .put("close_price", o.close).put("bid_price", Math.max(TICK, roundTick(p - h))).put("bid_qty", quantity(o))
            .put("ask_price", roundTick(p + h)).put("ask_qty", quantity(o)).put("prev_oi", o.prevOi))
        .put("option_greeks", new JsonObject().put("vega", round4(g[2])).put("theta", round4(g[3]))
            .put("gamma", round4(g[1])).put("delta", round4(g[0])).put("iv", Math.round(vol(o) * 10_000) / 100.0)
            .put("pop", Math.round(Math.abs(g[0]) * 10_000) / 100.0));
  }

  /** Rounds to the 0.05 tick (×20, round, ÷20 keeps the decimal exact). */
  static double roundTick(double price) {
    return Math.round(price * 20) / 20.0;
  }

  private static double round4(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
