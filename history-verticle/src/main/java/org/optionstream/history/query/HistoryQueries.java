package org.optionstream.history.query;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.LocalDate;
import org.optionstream.common.time.IstTime;
import org.optionstream.history.HistoryConfig.QueryLimits;
import org.optionstream.history.store.QueryResult;
import org.optionstream.history.store.SqlReader;
import org.optionstream.history.store.SqlText;
import org.optionstream.history.store.Tables;

/**
 * The history questions (README, "History"), each a request object in and a JSON answer out, answered with
 * QuestDB SQL through a {@link SqlReader} (embedded or server: the same SQL). Times in answers are epoch
 * milliseconds ({@code t}); an unknown instrument or a range without data gives empty points, not an error.
 * A request that cannot be answered fails with {@link BadRequestException}.
 */
public final class HistoryQueries {

  /** Longest range of a bucketed question (the number of buckets is bounded separately). */
  static final long MAX_BUCKETED_RANGE_MS = 366L * 86_400_000L;
  /** How far back from {@code at} the chain looks for each instrument's last value. */
  static final long CHAIN_LOOKBACK_MS = 86_400_000L;

  private static final long MINUTE_MS = 60_000L;
  private static final long DAY_MS = 86_400_000L;
  private static final String GREEKS_BUCKET_SELECT =
      "SELECT ts, last(price) price, first(price) \"priceOpen\", max(price) \"priceHigh\", min(price) \"priceLow\","
      + " last(bid) bid, last(ask) ask, last(iv) iv, first(iv) \"ivOpen\", max(iv) \"ivHigh\", min(iv) \"ivLow\","
      + " last(delta) delta, last(gamma) gamma, last(theta) theta, last(vega) vega, last(rho) rho, last(oi) oi,"
      + " last(volume) volume, last(forward) forward, last(underlying_price) \"underlyingPrice\"";
  /** The same buckets from the minute rollup: the same columns, folded from minutes instead of rows. */
  private static final String ROLLUP_BUCKET_SELECT =
      "SELECT ts, last(price) price, first(price_open) \"priceOpen\", max(price_high) \"priceHigh\","
      + " min(price_low) \"priceLow\", last(bid) bid, last(ask) ask, last(iv) iv, first(iv_open) \"ivOpen\","
      + " max(iv_high) \"ivHigh\", min(iv_low) \"ivLow\", last(delta) delta, last(gamma) gamma, last(theta) theta,"
      + " last(vega) vega, last(rho) rho, last(oi) oi, last(volume) volume, last(forward) forward,"
      + " last(underlying_price) \"underlyingPrice\"";
  private static final String GREEKS_RAW_SELECT = "SELECT ts, price, bid, ask, iv, delta, gamma, theta, vega, rho, oi,"
      + " volume, forward, underlying_price \"underlyingPrice\"";

  private final SqlReader reader;
  private final QueryLimits limits;
  private final Clock clock;

  public HistoryQueries(SqlReader reader, QueryLimits limits, Clock clock) {
    this.reader = reader;
    this.limits = limits;
    this.clock = clock;
  }

  /**
   * One instrument over time: {@code {key, from, to, every, points:[{t, price, bid, ask, iv, delta, gamma,
   * theta, vega, rho, oi, volume, forward, underlyingPrice}]}}. With {@code every}: one point per bucket
   * that has data, the last value of each field, plus the OHLC of price and IV ({@code priceOpen},
   * {@code priceHigh}, {@code priceLow}; {@code ivOpen}, {@code ivHigh}, {@code ivLow}). Buckets of whole minutes
   * that divide a day come from the {@code greeks_1m} rollup where it is complete and clean ({@link RollupCoverage}),
   * and from the raw rows before and after: the same answer, from a few hundred rows per day instead of every tick.
   */
  public Future<JsonObject> greeks(JsonObject params) {
    HistoryRequest request = new HistoryRequest(params);
    String key = request.key();
    JsonObject answer = new JsonObject().put("key", key);
    String fromWhere = " FROM " + Tables.GREEKS + " WHERE instrument_key = " + SqlText.string(key);
    if (!request.hasEvery()) {
      return series(request, answer, fromWhere, null, GREEKS_RAW_SELECT);
    }
    HistoryRequest.TimeRange range = range(request, true);
    HistoryRequest.Bucket every = request.every(range, limits.maxBuckets());
    answer.put("from", range.from()).put("to", range.to()).put("every", every.text());
    if (every.ms() % MINUTE_MS != 0 || DAY_MS % every.ms() != 0) {
      return bucketed(fromWhere, GREEKS_BUCKET_SELECT, range.from(), range.to(), every).map(points -> answer.put("points", points));
    }
    return RollupCoverage.of(reader, range.from(), range.to()).compose(coverage -> {
      long a = alignUp(Math.max(range.from(), coverage.fromMs()), every.ms());
      long b = Math.floorDiv(Math.min(range.to(), coverage.beforeMs()), every.ms()) * every.ms();
      if (a >= b || coverage.dirtyWithin(a, b)) {
        return bucketed(fromWhere, GREEKS_BUCKET_SELECT, range.from(), range.to(), every);
      }
      // raw rows before the rollup's first whole bucket and after its last; the rollup's minutes between
      String rollupWhere = " FROM " + Tables.GREEKS_1M + " WHERE instrument_key = " + SqlText.string(key);
      Future<JsonArray> head = range.from() < a
          ? bucketed(fromWhere, GREEKS_BUCKET_SELECT, range.from(), a, every) : Future.succeededFuture(new JsonArray());
      Future<JsonArray> middle = bucketed(rollupWhere, ROLLUP_BUCKET_SELECT, a, b, every);
      Future<JsonArray> tail = b < range.to()
          ? bucketed(fromWhere, GREEKS_BUCKET_SELECT, b, range.to(), every) : Future.succeededFuture(new JsonArray());
      return Future.all(head, middle, tail).map(all -> {
        JsonArray points = head.result().copy();
        middle.result().forEach(points::add);
        tail.result().forEach(points::add);
        return points;
      });
    }).map(points -> answer.put("points", points));
  }

  /** One bucket per {@code every} with data in [{@code from}, {@code to}): {@code select} over {@code fromWhere}. */
  private Future<JsonArray> bucketed(String fromWhere, String select, long from, long to, HistoryRequest.Bucket every) {
    String sql = select + fromWhere + timeFilter(new HistoryRequest.TimeRange(from, to)) + " SAMPLE BY " + every.text()
        + " ALIGN TO CALENDAR";
    return reader.query(sql, limits.maxRows()).map(HistoryQueries::points);
  }

  private static long alignUp(long ms, long step) {
    return Math.floorDiv(ms + step - 1, step) * step;
  }

  /**
   * ATM figures of one expiry over time: {@code {symbol, expiry, from, to, every, points:[{t, atmStrike, atmIv,
   * straddle, forward, spot}]}} ({@link AtmSeries}).
   */
  public Future<JsonObject> atm(JsonObject params) {
    HistoryRequest request = new HistoryRequest(params);
    String symbol = request.symbol();
    String expiry = request.expiry();
    HistoryRequest.TimeRange range = request.range(MAX_BUCKETED_RANGE_MS, "the longest bucketed range");
    HistoryRequest.Bucket every = request.every(range, limits.maxBuckets());
    String sql = AtmSeries.sql(SqlText.string(symbol), SqlText.string(expiry), timeFilter(range), every.text());
    JsonObject answer = new JsonObject().put("symbol", symbol).put("expiry", expiry).put("from", range.from())
        .put("to", range.to()).put("every", every.text());
    return reader.query(sql, limits.maxRows()).map(result -> answer.put("points", AtmSeries.points(result)));
  }

  /**
   * PCR of one expiry over time: {@code {symbol, expiry, from, to, every, points:[{t, pcr, volumePcr,
   * allStrikesPcr, maxPain, atmStrike, totalCeOi, totalPeOi}]}}; with {@code every} the last value per bucket.
   */
  public Future<JsonObject> pcr(JsonObject params) {
    HistoryRequest request = new HistoryRequest(params);
    String symbol = request.symbol();
    String expiry = request.expiry();
    return series(request, new JsonObject().put("symbol", symbol).put("expiry", expiry),
        " FROM " + Tables.PCR + " WHERE symbol = " + SqlText.string(symbol) + " AND expiry = " + SqlText.string(expiry),
        "SELECT ts, last(pcr) pcr, last(volume_pcr) \"volumePcr\", last(all_strikes_pcr) \"allStrikesPcr\","
            + " last(max_pain) \"maxPain\", last(atm_strike) \"atmStrike\", last(total_ce_oi) \"totalCeOi\","
            + " last(total_pe_oi) \"totalPeOi\"",
        "SELECT ts, pcr, volume_pcr \"volumePcr\", all_strikes_pcr \"allStrikesPcr\", max_pain \"maxPain\","
            + " atm_strike \"atmStrike\", total_ce_oi \"totalCeOi\", total_pe_oi \"totalPeOi\"");
  }

  /**
   * A series over {@code from}..{@code to}: row by row ({@code rawSelect}, the range bounded by
   * {@code HISTORY_MAX_RAW_RANGE_MS}) or, with {@code every}, one row per bucket ({@code bucketSelect},
   * aggregates, SAMPLE BY). {@code fromWhere} is {@code FROM table WHERE ...} without the time filter.
   */
  private Future<JsonObject> series(HistoryRequest request, JsonObject answer, String fromWhere, String bucketSelect,
      String rawSelect) {
    boolean bucketed = request.hasEvery();
    HistoryRequest.TimeRange range = range(request, bucketed);
    String where = fromWhere + timeFilter(range);
    String every = bucketed ? request.every(range, limits.maxBuckets()).text() : null;
    String sql = bucketed ? bucketSelect + where + " SAMPLE BY " + every + " ALIGN TO CALENDAR" : rawSelect + where;
    answer.put("from", range.from()).put("to", range.to()).put("every", every);
    return reader.query(sql, limits.maxRows()).map(result -> answer.put("points", points(result)));
  }

  /**
   * The chain of one expiry as it was at {@code at}: each instrument's last update at or before {@code at}
   * within the day before it: {@code {symbol, expiry, at, instruments:[{t, instrumentKey, strike, type, price,
   * bid, ask, iv, ivStatus, delta, gamma, theta, vega, rho, oi, volume, forward, underlyingPrice}]}}, by
   * strike then type.
   */
  public Future<JsonObject> chain(JsonObject params) {
    HistoryRequest request = new HistoryRequest(params);
    String symbol = request.symbol();
    String expiry = request.expiry();
    long at = request.time("at");
    String sql = "SELECT ts, instrument_key \"instrumentKey\", strike, type, price, bid, ask, iv, iv_status \"ivStatus\","
        + " delta, gamma, theta, vega, rho, oi, volume, forward, underlying_price \"underlyingPrice\""
        + " FROM " + Tables.GREEKS + " WHERE symbol = " + SqlText.string(symbol) + " AND expiry = "
        + SqlText.string(expiry) + " AND ts > " + SqlText.timestamp(at - CHAIN_LOOKBACK_MS) + " AND ts <= "
        + SqlText.timestamp(at) + " LATEST ON ts PARTITION BY instrument_key";
    return reader.query(sql, limits.maxRows()).map(result -> {
      JsonArray instruments = points(result);
      instruments.getList().sort((a, b) -> {
        JsonObject x = (JsonObject) a;
        JsonObject y = (JsonObject) b;
        int byStrike = Double.compare(x.getDouble("strike", 0.0), y.getDouble("strike", 0.0));
        return byStrike != 0 ? byStrike : String.valueOf(x.getString("type")).compareTo(String.valueOf(y.getString("type")));
      });
      return new JsonObject().put("symbol", symbol).put("expiry", expiry).put("at", at).put("instruments", instruments);
    });
  }

  /**
   * Today's ATM IV of the nearest expiry against each of the last {@code days} days' closing ATM IV
   * ({@link IvRank}): {@code {symbol, days, daysAvailable, today, atmIv, ivRank, ivPercentile, min, max,
   * history:[{date, expiry, atmIv}]}}.
   */
  public Future<JsonObject> ivRank(JsonObject params) {
    HistoryRequest request = new HistoryRequest(params);
    String symbol = request.symbol();
    int days = request.whole("days", 1, 365);
    LocalDate today = LocalDate.now(clock.withZone(IstTime.IST));
    long from = today.minusDays(days).atStartOfDay(IstTime.IST).toInstant().toEpochMilli();
    String sql = IvRank.sql(SqlText.string(symbol), SqlText.timestamp(from));
    return reader.query(sql, limits.maxRows()).map(result -> IvRank.answer(symbol, days, today, result));
  }

  private HistoryRequest.TimeRange range(HistoryRequest request, boolean bucketed) {
    return bucketed
        ? request.range(MAX_BUCKETED_RANGE_MS, "the longest bucketed range")
        : request.range(limits.maxRawRangeMs(), "HISTORY_MAX_RAW_RANGE_MS");
  }

  private static String timeFilter(HistoryRequest.TimeRange range) {
    return " AND ts >= " + SqlText.timestamp(range.from()) + " AND ts < " + SqlText.timestamp(range.to());
  }

  /** Each row as an object keyed by column name; {@code ts} becomes {@code t}. */
  static JsonArray points(QueryResult result) {
    JsonArray points = new JsonArray();
    int n = result.columns().size();
    for (Object[] row : result.rows()) {
      JsonObject point = new JsonObject();
      for (int i = 0; i < n; i++) {
        String name = result.columns().get(i);
        point.put("ts".equals(name) ? "t" : name, row[i]);
      }
      points.add(point);
    }
    return points;
  }
}
