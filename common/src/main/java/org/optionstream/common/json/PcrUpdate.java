package org.optionstream.common.json;

import io.vertx.core.json.JsonObject;
import org.optionstream.common.encoding.JsonNumbers;
import org.optionstream.common.time.IstTime;

/**
 * The {@code data} of a {@code pcr_update}, published on {@code pcr.update} by the pcr leader for one
 * underlying and expiry: PCR, open-interest and volume totals, change-in-OI PCR with the reason it is
 * undefined, over the feed's window around ATM and over all strikes ({@code allStrikes*}), and max
 * pain. Every field with its definition and unit is in {@code docs/event-bus.md}. A figure that cannot
 * be defined is NaN here and JSON null.
 */
public record PcrUpdate(
    String symbol,
    String expiry,
    double pcr,
    double totalCeOi,
    double totalPeOi,
    double strikeFrom,
    double strikeTo,
    long exchangeTimeMs,
    double atmStrike,
    double volumePcr,
    long totalCeVolume,
    long totalPeVolume,
    double oiChangePcr,
    String oiChangePcrReason,
    double totalCeOiChange,
    double totalPeOiChange,
    double allStrikesPcr,
    double allStrikesTotalCeOi,
    double allStrikesTotalPeOi,
    double allStrikesFrom,
    double allStrikesTo,
    double allStrikesVolumePcr,
    long allStrikesTotalCeVolume,
    long allStrikesTotalPeVolume,
    double allStrikesOiChangePcr,
    String allStrikesOiChangePcrReason,
    double allStrikesTotalCeOiChange,
    double allStrikesTotalPeOiChange,
    double maxPain) {

  public static final String TYPE = "pcr_update";

  /** The window's PCR and totals only; every other figure is unknown (NaN, 0 volumes, null reasons). */
  public PcrUpdate(
      String symbol,
      String expiry,
      double pcr,
      double totalCeOi,
      double totalPeOi,
      double strikeFrom,
      double strikeTo,
      long exchangeTimeMs) {
    this(symbol, expiry, pcr, totalCeOi, totalPeOi, strikeFrom, strikeTo, exchangeTimeMs,
        Double.NaN, Double.NaN, 0, 0, Double.NaN, null, Double.NaN, Double.NaN,
        Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0,
        Double.NaN, null, Double.NaN, Double.NaN, Double.NaN);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("symbol", symbol)
        .put("expiry", expiry)
        .put("pcr", JsonNumbers.finiteOrNull(pcr))
        .put("totalCeOi", JsonNumbers.finiteOrNull(totalCeOi))
        .put("totalPeOi", JsonNumbers.finiteOrNull(totalPeOi))
        .put("strikeFrom", JsonNumbers.finiteOrNull(strikeFrom))
        .put("strikeTo", JsonNumbers.finiteOrNull(strikeTo))
        .put("timestamp", IstTime.timestamp(exchangeTimeMs))
        .put("exchangeTimeMs", exchangeTimeMs)
        .put("atmStrike", JsonNumbers.finiteOrNull(atmStrike))
        .put("volumePcr", JsonNumbers.finiteOrNull(volumePcr))
        .put("totalCeVolume", totalCeVolume)
        .put("totalPeVolume", totalPeVolume)
        .put("oiChangePcr", JsonNumbers.finiteOrNull(oiChangePcr))
        .put("oiChangePcrReason", oiChangePcrReason)
        .put("totalCeOiChange", JsonNumbers.finiteOrNull(totalCeOiChange))
        .put("totalPeOiChange", JsonNumbers.finiteOrNull(totalPeOiChange))
        .put("allStrikesPcr", JsonNumbers.finiteOrNull(allStrikesPcr))
        .put("allStrikesTotalCeOi", JsonNumbers.finiteOrNull(allStrikesTotalCeOi))
        .put("allStrikesTotalPeOi", JsonNumbers.finiteOrNull(allStrikesTotalPeOi))
        .put("allStrikesFrom", JsonNumbers.finiteOrNull(allStrikesFrom))
        .put("allStrikesTo", JsonNumbers.finiteOrNull(allStrikesTo))
        .put("allStrikesVolumePcr", JsonNumbers.finiteOrNull(allStrikesVolumePcr))
        .put("allStrikesTotalCeVolume", allStrikesTotalCeVolume)
        .put("allStrikesTotalPeVolume", allStrikesTotalPeVolume)
        .put("allStrikesOiChangePcr", JsonNumbers.finiteOrNull(allStrikesOiChangePcr))
        .put("allStrikesOiChangePcrReason", allStrikesOiChangePcrReason)
        .put("allStrikesTotalCeOiChange", JsonNumbers.finiteOrNull(allStrikesTotalCeOiChange))
        .put("allStrikesTotalPeOiChange", JsonNumbers.finiteOrNull(allStrikesTotalPeOiChange))
        .put("maxPain", JsonNumbers.finiteOrNull(maxPain));
  }

  /** The public message: {@code {"type":"pcr_update","data":{...}}}. */
  public JsonObject toMessage() {
    return new JsonObject().put("type", TYPE).put("data", toJson());
  }

  /** Reads a {@code data} object; fields an older publisher did not send come back unknown. */
  public static PcrUpdate fromJson(JsonObject data) {
    return new PcrUpdate(
        data.getString("symbol"),
        data.getString("expiry"),
        JsonNumbers.doubleOrNaN(data, "pcr"),
        JsonNumbers.doubleOrNaN(data, "totalCeOi"),
        JsonNumbers.doubleOrNaN(data, "totalPeOi"),
        JsonNumbers.doubleOrNaN(data, "strikeFrom"),
        JsonNumbers.doubleOrNaN(data, "strikeTo"),
        data.getLong("exchangeTimeMs", 0L),
        JsonNumbers.doubleOrNaN(data, "atmStrike"),
        JsonNumbers.doubleOrNaN(data, "volumePcr"),
        data.getLong("totalCeVolume", 0L),
        data.getLong("totalPeVolume", 0L),
        JsonNumbers.doubleOrNaN(data, "oiChangePcr"),
        data.getString("oiChangePcrReason"),
        JsonNumbers.doubleOrNaN(data, "totalCeOiChange"),
        JsonNumbers.doubleOrNaN(data, "totalPeOiChange"),
        JsonNumbers.doubleOrNaN(data, "allStrikesPcr"),
        JsonNumbers.doubleOrNaN(data, "allStrikesTotalCeOi"),
        JsonNumbers.doubleOrNaN(data, "allStrikesTotalPeOi"),
        JsonNumbers.doubleOrNaN(data, "allStrikesFrom"),
        JsonNumbers.doubleOrNaN(data, "allStrikesTo"),
        JsonNumbers.doubleOrNaN(data, "allStrikesVolumePcr"),
        data.getLong("allStrikesTotalCeVolume", 0L),
        data.getLong("allStrikesTotalPeVolume", 0L),
        JsonNumbers.doubleOrNaN(data, "allStrikesOiChangePcr"),
        data.getString("allStrikesOiChangePcrReason"),
        JsonNumbers.doubleOrNaN(data, "allStrikesTotalCeOiChange"),
        JsonNumbers.doubleOrNaN(data, "allStrikesTotalPeOiChange"),
        JsonNumbers.doubleOrNaN(data, "maxPain"));
  }
}
