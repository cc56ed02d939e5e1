package org.optionstream.history.query;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import org.optionstream.history.store.QueryResult;
import org.optionstream.history.store.Tables;

/**
 * The at-the-money figures of one expiry per time bucket. Each bucket's ATM strike is the one nearest to
 * that bucket's forward among the strikes whose CE and PE both have a price so far (an instrument that did
 * not trade in a bucket keeps its previous values, as QuestDB's {@code FILL(PREV)} would). Then:
 * {@code straddle} = CE price + PE price at that strike (rupees), {@code atmIv} = mean of the CE and PE IVs
 * there (fraction; one of them when the other is unsolved, null when both are), {@code forward} and
 * {@code spot} the last of the bucket (index points).
 */
final class AtmSeries {

  private AtmSeries() {
  }

  /** Last price, IV and forward per strike, type and bucket; {@code seen} = the newest row's time. */
  static String sql(String symbol, String expiry, String timeFilter, String every) {
    return "SELECT ts, strike, type, last(price) price, last(iv) iv, last(forward) forward,"
        + " last(underlying_price) spot, max(ts) seen FROM " + Tables.GREEKS
        + " WHERE symbol = " + symbol + " AND expiry = " + expiry + timeFilter
        + " SAMPLE BY " + every + " ALIGN TO CALENDAR";
  }

  /** Latest values of one strike: CE and PE price and IV (NaN until known). */
  private static final class Strike {
    double cePrice = Double.NaN;
    double ceIv = Double.NaN;
    double pePrice = Double.NaN;
    double peIv = Double.NaN;
  }

  static JsonArray points(QueryResult result) {
    int t = result.column("ts");
    int strikeColumn = result.column("strike");
    int type = result.column("type");
    int price = result.column("price");
    int iv = result.column("iv");
    int forwardColumn = result.column("forward");
    int spotColumn = result.column("spot");
    int seenColumn = result.column("seen");

    TreeMap<Long, java.util.List<Object[]>> buckets = new TreeMap<>();
    for (Object[] row : result.rows()) {
      if (row[t] instanceof Long bucket) {
        buckets.computeIfAbsent(bucket, b -> new java.util.ArrayList<>()).add(row);
      }
    }
    Map<Double, Strike> strikes = new TreeMap<>();
    double forward = Double.NaN;
    double spot = Double.NaN;
    JsonArray points = new JsonArray();
    for (Map.Entry<Long, java.util.List<Object[]>> bucket : buckets.entrySet()) {
      long newest = Long.MIN_VALUE;
      for (Object[] row : bucket.getValue()) {
        if (!(row[strikeColumn] instanceof Double k)) {
          continue;
        }
        Strike s = strikes.computeIfAbsent(k, x -> new Strike());
        boolean call = "CE".equals(row[type]);
        double p = number(row[price]);
        double v = number(row[iv]);
        if (!Double.isNaN(p)) {
          if (call) {
            s.cePrice = p;
          } else {
            s.pePrice = p;
          }
        }
        if (call) {
          s.ceIv = v;
        } else {
          s.peIv = v;
        }
        long seen = row[seenColumn] instanceof Long l ? l : Long.MIN_VALUE;
        if (seen >= newest) {
          newest = seen;
          forward = Double.isNaN(number(row[forwardColumn])) ? forward : number(row[forwardColumn]);
          spot = Double.isNaN(number(row[spotColumn])) ? spot : number(row[spotColumn]);
        }
      }
      JsonObject point = point(bucket.getKey(), strikes, forward, spot);
      if (point != null) {
        points.add(point);
      }
    }
    return points;
  }

  private static JsonObject point(long t, Map<Double, Strike> strikes, double forward, double spot) {
    if (Double.isNaN(forward)) {
      return null;
    }
    double atm = Double.NaN;
    Strike at = null;
    for (Map.Entry<Double, Strike> e : strikes.entrySet()) {
      Strike s = e.getValue();
      if (Double.isNaN(s.cePrice) || Double.isNaN(s.pePrice)) {
        continue;
      }
      if (at == null || Math.abs(e.getKey() - forward) < Math.abs(atm - forward)) {
        atm = e.getKey();
        at = s;
      }
    }
    if (at == null) {
      return null;
    }
    return new JsonObject().put("t", t).put("atmStrike", atm).put("atmIv", mean(at.ceIv, at.peIv))
        .put("straddle", at.cePrice + at.pePrice).put("forward", forward).put("spot", Double.isNaN(spot) ? null : spot);
  }

  /** Mean of the known values of a and b; null when neither is known. */
  static Double mean(double a, double b) {
    if (Double.isNaN(a)) {
      return Double.isNaN(b) ? null : b;
    }
    return Double.isNaN(b) ? a : (a + b) / 2;
  }

  static double number(Object value) {
    return value instanceof Number n ? n.doubleValue() : Double.NaN;
  }
}
