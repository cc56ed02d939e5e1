package org.optionstream.common.json;

import io.vertx.core.json.JsonObject;

/**
 * The {@code data} of a {@code greeks_update} (README, "greeks_update" / "pcr_update"), published on {@code greeks.update}.
 *
 * <p>Units and conventions (Black-76 on the expiry's forward, discount e^(-rT)):
 * <ul>
 *   <li>{@code strike}, {@code underlyingPrice}, {@code forward}: index points; {@code price},
 *       {@code bid}, {@code ask}: rupees;</li>
 *   <li>{@code iv}: annualised volatility as a fraction (0.1423 = 14.23 %), NaN (JSON null) unless
 *       {@code ivStatus} is {@link IvStatus#OK};</li>
 *   <li>{@code delta}, {@code gamma}: with respect to the forward; {@code theta}: rupees per
 *       calendar day, forward held; {@code vega}: rupees per 1 vol point (0.01); {@code rho}: rupees
 *       per 1 % of rate, forward held (= -T·V/100);</li>
 *   <li>{@code timeToExpiry}: years on a 365-day basis from the exchange time to 15:30 IST on
 *       expiry day; {@code rate}: continuously compounded annual rate as a fraction.</li>
 * </ul>
 * Beyond the first version of the schema: {@code exchangeTimeMs} and {@code sequence} order updates
 * per instrument (newest wins), {@code volume}, {@code bid}, {@code ask}, {@code oiChange}
 * (against the previous session's OI, null when unknown) and {@code feedReceivedAtMicros}
 * (wall clock at the feed, for latency measurement).
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
    long feedReceivedAtMicros) {

  public static final String TYPE = "greeks_update";

  /** The {@code data} object, exactly as README writes it, with non-finite numbers as null. */
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
        .put("feedReceivedAtMicros", feedReceivedAtMicros);
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
        .field("feedReceivedAtMicros", feedReceivedAtMicros)
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
        data.getLong("feedReceivedAtMicros", 0L));
  }
}
