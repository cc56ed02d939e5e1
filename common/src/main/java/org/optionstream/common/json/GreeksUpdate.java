package org.optionstream.common.json;

import io.vertx.core.json.JsonObject;
import org.optionstream.common.encoding.JsonBytesWriter;
import org.optionstream.common.encoding.JsonNumbers;
import org.optionstream.common.pricing.IvStatus;
import org.optionstream.common.time.IstTime;

/**
 * The {@code data} of a {@code greeks_update}, published on {@code greeks.update} (and, encoded, on
 * {@code greeks.update.frames}). Every field with its unit is listed in {@code docs/event-bus.md}; the
 * pricing conventions behind {@code iv}, the Greeks, {@code forward}, {@code timeToExpiry} and
 * {@code rate} are in {@code docs/pricing.md}. Numbers that are not finite (NaN here) are JSON null;
 * {@code iv} is null unless {@code ivStatus} is {@link IvStatus#OK}.
 */
public record GreeksUpdate(
    String instrumentKey,
    String symbol,
    double strike,
    String type,
    String expiry,
    double price,
    double oi,
    double oiChange,
    long volume,
    double bid,
    double ask,
    double iv,
    double delta,
    double gamma,
    double theta,
    double vega,
    double rho,
    long exchangeTimeMs,
    long sequence,
    double underlyingPrice,
    double forward,
    String forwardSource,
    double timeToExpiry,
    double rate,
    IvStatus ivStatus,
    long feedReceivedAtMicros,
    long lastTradeTimeMs,
    double ivMid,
    int quality) {

  public static final String TYPE = "greeks_update";

  /** An update without last-trade time, mid IV or quality flags (0, NaN, none). */
  public GreeksUpdate(String instrumentKey, String symbol, double strike, String type, String expiry, double price,
                      double oi, double oiChange, long volume, double bid, double ask, double iv, double delta,
                      double gamma, double theta, double vega, double rho, long exchangeTimeMs, long sequence,
                      double underlyingPrice, double forward, String forwardSource, double timeToExpiry, double rate,
                      IvStatus ivStatus, long feedReceivedAtMicros) {
    this(instrumentKey, symbol, strike, type, expiry, price, oi, oiChange, volume, bid, ask, iv, delta, gamma, theta,
        vega, rho, exchangeTimeMs, sequence, underlyingPrice, forward, forwardSource, timeToExpiry, rate, ivStatus,
        feedReceivedAtMicros, 0, Double.NaN, 0);
  }

  /** The {@code data} object, as {@code docs/event-bus.md} lists it, with non-finite numbers as null. */
  public JsonObject toJson() {
    JsonObject greeks = new JsonObject()
        .put("delta", JsonNumbers.finiteOrNull(delta))
        .put("gamma", JsonNumbers.finiteOrNull(gamma))
        .put("theta", JsonNumbers.finiteOrNull(theta))
        .put("vega", JsonNumbers.finiteOrNull(vega))
        .put("rho", JsonNumbers.finiteOrNull(rho));
    return new JsonObject()
        .put("instrumentKey", instrumentKey)
        .put("symbol", symbol)
        .put("strike", JsonNumbers.finiteOrNull(strike))
        .put("type", type)
        .put("expiry", expiry)
        .put("price", JsonNumbers.finiteOrNull(price))
        .put("oi", JsonNumbers.finiteOrNull(oi))
        .put("iv", ivStatus == IvStatus.OK ? JsonNumbers.finiteOrNull(iv) : null)
        .put("greeks", greeks)
        .put("timestamp", IstTime.timestamp(exchangeTimeMs))
        .put("underlyingPrice", JsonNumbers.finiteOrNull(underlyingPrice))
        .put("forward", JsonNumbers.finiteOrNull(forward))
        .put("forwardSource", forwardSource)
        .put("timeToExpiry", JsonNumbers.finiteOrNull(timeToExpiry))
        .put("rate", JsonNumbers.finiteOrNull(rate))
        .put("ivStatus", ivStatus.name())
        .put("exchangeTimeMs", exchangeTimeMs)
        .put("sequence", sequence)
        .put("volume", volume)
        .put("bid", JsonNumbers.finiteOrNull(bid))
        .put("ask", JsonNumbers.finiteOrNull(ask))
        .put("oiChange", JsonNumbers.finiteOrNull(oiChange))
        .put("feedReceivedAtMicros", feedReceivedAtMicros)
        .put("lastTradeTimeMs", lastTradeTimeMs > 0 ? lastTradeTimeMs : null)
        .put("ivMid", JsonNumbers.finiteOrNull(ivMid))
        .put("quality", new io.vertx.core.json.JsonArray(new java.util.ArrayList<Object>(QualityFlag.codes(quality))));
  }

  /**
   * Writes the same {@code data} object as {@link #toJson()}, member for member and in the same
   * order, straight to bytes (the per-tick path: no tree, no generator).
   */
  public void writeData(JsonBytesWriter out) {
    out.beginObject()
        .field("instrumentKey", instrumentKey)
        .field("symbol", symbol)
        .field("strike", strike)
        .field("type", type)
        .field("expiry", expiry)
        .field("price", price)
        .field("oi", oi)
        .field("iv", ivStatus == IvStatus.OK ? iv : Double.NaN)
        .name("greeks").beginObject()
        .field("delta", delta)
        .field("gamma", gamma)
        .field("theta", theta)
        .field("vega", vega)
        .field("rho", rho)
        .endObject()
        .field("timestamp", IstTime.timestamp(exchangeTimeMs))
        .field("underlyingPrice", underlyingPrice)
        .field("forward", forward)
        .field("forwardSource", forwardSource)
        .field("timeToExpiry", timeToExpiry)
        .field("rate", rate)
        .field("ivStatus", ivStatus.name())
        .field("exchangeTimeMs", exchangeTimeMs)
        .field("sequence", sequence)
        .field("volume", volume)
        .field("bid", bid)
        .field("ask", ask)
        .field("oiChange", oiChange)
        .field("feedReceivedAtMicros", feedReceivedAtMicros);
    if (lastTradeTimeMs > 0) {
      out.field("lastTradeTimeMs", lastTradeTimeMs);
    } else {
      out.field("lastTradeTimeMs", (String) null);
    }
    out.field("ivMid", ivMid)
        .field("quality", QualityFlag.codes(quality))
        .endObject();
  }

  /** The public message: {@code {"type":"greeks_update","data":{...}}}. */
  public JsonObject toMessage() {
    return new JsonObject().put("type", TYPE).put("data", toJson());
  }

  /** Reads a {@code data} object written by {@link #toJson()}; nulls become NaN. */
  public static GreeksUpdate fromJson(JsonObject data) {
    JsonObject greeks = data.getJsonObject("greeks", new JsonObject());
    return new GreeksUpdate(
        data.getString("instrumentKey"),
        data.getString("symbol"),
        JsonNumbers.doubleOrNaN(data, "strike"),
        data.getString("type"),
        data.getString("expiry"),
        JsonNumbers.doubleOrNaN(data, "price"),
        JsonNumbers.doubleOrNaN(data, "oi"),
        JsonNumbers.doubleOrNaN(data, "oiChange"),
        data.getLong("volume", 0L),
        JsonNumbers.doubleOrNaN(data, "bid"),
        JsonNumbers.doubleOrNaN(data, "ask"),
        JsonNumbers.doubleOrNaN(data, "iv"),
        JsonNumbers.doubleOrNaN(greeks, "delta"),
        JsonNumbers.doubleOrNaN(greeks, "gamma"),
        JsonNumbers.doubleOrNaN(greeks, "theta"),
        JsonNumbers.doubleOrNaN(greeks, "vega"),
        JsonNumbers.doubleOrNaN(greeks, "rho"),
        data.getLong("exchangeTimeMs", 0L),
        data.getLong("sequence", 0L),
        JsonNumbers.doubleOrNaN(data, "underlyingPrice"),
        JsonNumbers.doubleOrNaN(data, "forward"),
        data.getString("forwardSource"),
        JsonNumbers.doubleOrNaN(data, "timeToExpiry"),
        JsonNumbers.doubleOrNaN(data, "rate"),
        IvStatus.valueOf(data.getString("ivStatus")),
        data.getLong("feedReceivedAtMicros", 0L),
        data.getLong("lastTradeTimeMs") == null ? 0L : data.getLong("lastTradeTimeMs"),
        JsonNumbers.doubleOrNaN(data, "ivMid"),
        QualityFlag.mask(data.getJsonArray("quality") == null ? null : data.getJsonArray("quality").getList()));
  }
}
