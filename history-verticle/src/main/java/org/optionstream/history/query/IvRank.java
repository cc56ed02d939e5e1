package org.optionstream.history.query;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.optionstream.common.time.IstTime;
import org.optionstream.history.store.QueryResult;
import org.optionstream.history.store.Tables;

/**
 * IV rank and IV percentile of today's ATM IV against the previous days (README, "History"). A day's ATM IV
 * is the closing ATM IV (last values of the IST day) of that day's nearest expiry (the first expiry on or
 * after the day that has data): the strike nearest to the expiry's last forward among those with an IV,
 * the mean of its CE and PE IVs (fractions).
 * <ul>
 *   <li>IV rank = 100 · (today − min) / (max − min), min and max over the previous days and today; null
 *       when they are equal or today has no value;</li>
 *   <li>IV percentile = 100 · (previous days whose ATM IV is below today's) / (previous days with a value).</li>
 * </ul>
 */
final class IvRank {

  private IvRank() {
  }

  static String sql(String symbol, String from) {
    return "SELECT ts, expiry, strike, type, last(iv) iv, last(forward) forward, max(ts) seen FROM " + Tables.GREEKS
        + " WHERE symbol = " + symbol + " AND ts >= " + from
        + " SAMPLE BY 1d ALIGN TO CALENDAR TIME ZONE 'Asia/Kolkata'";
  }

  private record DayIv(LocalDate date, String expiry, double atmIv) {
  }

  static JsonObject answer(String symbol, int days, LocalDate today, QueryResult result) {
    int t = result.column("ts");
    Map<LocalDate, List<Object[]>> byDay = new TreeMap<>();
    for (Object[] row : result.rows()) {
      if (row[t] instanceof Long bucket) {
        LocalDate date = Instant.ofEpochMilli(bucket).atZone(IstTime.IST).toLocalDate();
        byDay.computeIfAbsent(date, d -> new ArrayList<>()).add(row);
      }
    }
    List<DayIv> previous = new ArrayList<>();
    DayIv current = null;
    for (Map.Entry<LocalDate, List<Object[]>> day : byDay.entrySet()) {
      DayIv value = dayIv(day.getKey(), day.getValue(), result);
      if (value == null) {
        continue;
      }
      if (day.getKey().equals(today)) {
        current = value;
      } else if (day.getKey().isBefore(today)) {
        previous.add(value);
      }
    }
    JsonArray history = new JsonArray();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    int below = 0;
    for (DayIv d : previous) {
      history.add(new JsonObject().put("date", d.date().toString()).put("expiry", d.expiry()).put("atmIv", d.atmIv()));
      min = Math.min(min, d.atmIv());
      max = Math.max(max, d.atmIv());
      if (current != null && d.atmIv() < current.atmIv()) {
        below++;
      }
    }
    JsonObject answer = new JsonObject().put("symbol", symbol).put("days", days).put("daysAvailable", previous.size())
        .put("today", today.toString()).put("expiry", current == null ? null : current.expiry())
        .put("atmIv", current == null ? null : current.atmIv());
    Double rank = null;
    Double percentile = null;
    if (current != null) {
      min = Math.min(min, current.atmIv());
      max = Math.max(max, current.atmIv());
      rank = max > min ? 100 * (current.atmIv() - min) / (max - min) : null;
      percentile = previous.isEmpty() ? null : 100.0 * below / previous.size();
    }
    return answer.put("ivRank", rank).put("ivPercentile", percentile)
        .put("min", Double.isFinite(min) ? min : null).put("max", Double.isFinite(max) ? max : null)
        .put("history", history);
  }

  private static DayIv dayIv(LocalDate date, List<Object[]> rows, QueryResult result) {
    int expiryColumn = result.column("expiry");
    int strikeColumn = result.column("strike");
    int type = result.column("type");
    int iv = result.column("iv");
    int forwardColumn = result.column("forward");
    int seenColumn = result.column("seen");
    String day = date.toString();
    String nearest = null;
    for (Object[] row : rows) {
      if (row[expiryColumn] instanceof String e && e.compareTo(day) >= 0 && (nearest == null || e.compareTo(nearest) < 0)
          && !Double.isNaN(AtmSeries.number(row[iv]))) {
        nearest = e;
      }
    }
    if (nearest == null) {
      return null;
    }
    Map<Double, double[]> ivs = new HashMap<>();
    double forward = Double.NaN;
    long newest = Long.MIN_VALUE;
    for (Object[] row : rows) {
      if (!nearest.equals(row[expiryColumn]) || !(row[strikeColumn] instanceof Double k)) {
        continue;
      }
      double[] pair = ivs.computeIfAbsent(k, x -> new double[] {Double.NaN, Double.NaN});
      pair["CE".equals(row[type]) ? 0 : 1] = AtmSeries.number(row[iv]);
      long seen = row[seenColumn] instanceof Long l ? l : Long.MIN_VALUE;
      double f = AtmSeries.number(row[forwardColumn]);
      if (seen >= newest && !Double.isNaN(f)) {
        newest = seen;
        forward = f;
      }
    }
    if (Double.isNaN(forward)) {
      return null;
    }
    Double best = null;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (Map.Entry<Double, double[]> e : ivs.entrySet()) {
      Double mean = AtmSeries.mean(e.getValue()[0], e.getValue()[1]);
      double distance = Math.abs(e.getKey() - forward);
      if (mean != null && distance < bestDistance) {
        bestDistance = distance;
        best = mean;
      }
    }
    return best == null ? null : new DayIv(date, nearest, best);
  }
}
