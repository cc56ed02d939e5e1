package org.optionstream.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
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
import org.optionstream.common.pricing.Normal;

/**
 * The simulated market: NIFTY and BANKNIFTY indices following seeded geometric Brownian motion,
 * their listed options (NIFTY weekly on Tuesdays, BANKNIFTY monthly on the last Tuesday; strikes
 * every 50 / 100 points), prices from Black-76 on each expiry's forward F = S·e^((r−q)T) with a
 * volatility smile, a bid/ask around each price, and open interest that drifts from a
 * previous-day value. Expiries are generated relative to the current date (the master file carries
 * them as epoch ms at 23:59:59 IST, like Upstox's). Not thread-safe: used on the simulator's event loop.
 */
public final class SimMarket {

  /** Dividend yield of the simulated indices, fraction per year. */
  static final double DIVIDEND_YIELD = 0.012;
  private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);
  private static final DateTimeFormatter SYMBOL_DATE = DateTimeFormatter.ofPattern("dd MMM yy", Locale.ENGLISH);
  private static final double TICK = 0.05;

  /** One simulated underlying. */
  public static final class Underlying {
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

    Underlying(String symbol, String indexKey, String indexName, double strikeStep, int lotSize, double atmVol, double spot) {
      this.symbol = symbol;
      this.indexKey = indexKey;
      this.indexName = indexName;
      this.strikeStep = strikeStep;
      this.lotSize = lotSize;
      this.atmVol = atmVol;
      this.spot = spot;
      this.prevClose = spot;
      this.dayOpen = spot;
      this.dayHigh = spot;
      this.dayLow = spot;
      this.index = new Instrument(indexKey, indexName, this, null, true, false, 0);
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
    Underlying nifty = new Underlying("NIFTY", "NSE_INDEX|Nifty 50", "Nifty 50", 50, 75, 0.12, config.niftySpot());
    Underlying bank = new Underlying("BANKNIFTY", "NSE_INDEX|Nifty Bank", "Nifty Bank", 100, 35, 0.14, config.bankNiftySpot());
    LocalDate first = today.with(TemporalAdjusters.nextOrSame(DayOfWeek.TUESDAY));
    if (first.equals(today) && pastClose) {
      first = first.plusWeeks(1);
    }
    for (int w = 0; w < config.weeklyExpiries(); w++) {
      LocalDate d = first.plusWeeks(w);
      nifty.expiries.add(new Expiry((int) d.toEpochDay(), !d.equals(lastTuesday(d))));
    }
    LocalDate month = today;
    while (bank.expiries.size() < 2) {
      LocalDate last = lastTuesday(month);
      if (last.isAfter(today) || (last.equals(today) && !pastClose)) {
        bank.expiries.add(new Expiry((int) last.toEpochDay(), false));
      }
      month = month.plusMonths(1).withDayOfMonth(1);
    }
    int token = 40_001;
    for (Underlying u : List.of(nifty, bank)) {
      underlyings.put(u.symbol, u);
      instruments.put(u.indexKey, u.index);
      int strikesEachSide = u == nifty ? 60 : 40;
      double centre = Math.round(u.spot / u.strikeStep) * u.strikeStep;
      for (Expiry e : u.expiries) {
        String date = SYMBOL_DATE.format(LocalDate.ofEpochDay(e.epochDay)).toUpperCase(Locale.ROOT);
        for (int i = -strikesEachSide; i <= strikesEachSide; i++) {
          double k = centre + i * u.strikeStep;
          for (boolean call : new boolean[] {true, false}) {
            String key = "NSE_FO|" + token++;
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
          o.volume = (long) u.lotSize * random.nextInt(0, 2_000);
        }
      }
      u.index.close = u.prevClose;
    }
  }

  private static LocalDate lastTuesday(LocalDate anyDayOfMonth) {
    return anyDayOfMonth.with(TemporalAdjusters.lastInMonth(DayOfWeek.TUESDAY));
  }

  /** Previous-day OI: a hump of lots around the money (calls above, puts below), more on round strikes. */
  private double initialOpenInterest(Instrument o) {
    Underlying u = o.underlying;
    double centre = u.spot * (o.call ? 1.01 : 0.99);
    double width = 0.025 * u.spot * Math.sqrt(Math.max(o.expiry.years * 52, 1));
    double z = (o.strike - centre) / width;
    double lots = 120_000 * Math.exp(-z * z) + 2_000;
    if (Math.round(o.strike) % 500 == 0) {
      lots *= 1.5;
    }
    if (!o.expiry.weekly || u.expiries.get(0) != o.expiry) {
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
    double x = Math.log(strike / forward) / Math.sqrt(Math.max(years, 1.0 / 365 / 24));
    return Math.min(1.5, Math.max(0.05, atmVol - 0.12 * x + 0.26 * x * x));
  }

  /** The volatility of an option now, fraction per year. */
  public double vol(Instrument o) {
    return smileVol(o.underlying.atmVol, o.expiry.forward, o.strike, o.expiry.years);
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

  /** One random step of OI (a few lots either way, never negative) and volume (always up). */
  public void drift(Instrument o) {
    if (o.index) {
      return;
    }
    int lot = o.underlying.lotSize;
    long lots = Math.round(random.nextGaussian() * 30 + 2);
    o.oi = Math.max(0, o.oi + lots * (double) lot);
    o.volume += (long) lot * (1 + random.nextInt(40));
  }

  /** A random quantity of 1-20 lots. */
  public long quantity(Instrument o) {
    return (long) Math.max(o.underlying.lotSize, 1) * (1 + random.nextInt(20));
  }

  /** Forward-measure greeks {delta, gamma, vega (per vol point), theta (per day), rho (per 1 %)}. */
  public double[] greeks(Instrument o) {
    Expiry e = o.expiry;
    double sigma = vol(o);
    double t = Math.max(e.years, 1e-9);
    double rootT = Math.sqrt(t);
    double d1 = Math.log(e.forward / o.strike) / (sigma * rootT) + 0.5 * sigma * rootT;
    double pdf = Normal.pdf(d1);
    double delta = e.discount * (o.call ? Normal.cdf(d1) : Normal.cdf(d1) - 1);
    double gamma = e.discount * pdf / (e.forward * sigma * rootT);
    double vega = e.discount * e.forward * pdf * rootT / 100;
    double theta = -e.discount * e.forward * pdf * sigma / (2 * rootT) / 365;
    double rho = -t * price(o) / 100;
    return new double[] {delta, gamma, vega, theta, rho};
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

  /** The instruments master, as Upstox's NSE.json rows (index, option and one equity row). */
  public JsonArray masterJson() {
    JsonArray rows = new JsonArray();
    for (Underlying u : underlyings.values()) {
      rows.add(new JsonObject().put("segment", "NSE_INDEX").put("name", u.indexName).put("exchange", "NSE")
          .put("instrument_type", "INDEX").put("instrument_key", u.indexKey)
          .put("exchange_token", u.symbol.equals("NIFTY") ? "26000" : "26009").put("trading_symbol", u.symbol));
      for (Expiry e : u.expiries) {
        for (Instrument o : e.options) {
          rows.add(new JsonObject()
              .put("weekly", e.weekly).put("segment", "NSE_FO").put("name", u.symbol).put("exchange", "NSE")
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
    rows.add(new JsonObject().put("segment", "NSE_EQ").put("name", "RELIANCE INDUSTRIES LTD").put("exchange", "NSE")
        .put("isin", "INE002A01018").put("instrument_type", "EQ").put("instrument_key", "NSE_EQ|INE002A01018")
        .put("lot_size", 1).put("exchange_token", "2885").put("tick_size", 10.0).put("trading_symbol", "RELIANCE"));
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
        .put("market_data", new JsonObject().put("ltp", p).put("volume", o.volume).put("oi", o.oi)
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
