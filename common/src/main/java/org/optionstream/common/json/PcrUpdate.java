package org.optionstream.common.json;

import io.vertx.core.json.JsonObject;

/**
 * The {@code data} of a {@code pcr_update} (DESIGN.md), published on {@code pcr.update} by the pcr
 * leader for one underlying and expiry.
 *
 * <p>{@code pcr} = total PE open interest / total CE open interest over the strike window
 * [{@code strikeFrom}, {@code strikeTo}] (index points) around ATM; NaN (JSON null) while the CE
 * total is 0. Open interest totals are in Upstox's OI units (contracts' quantity).
 * Extensions: {@code exchangeTimeMs}, the newest exchange time that went into the figures.
 */
public record PcrUpdate(
    String symbol,
    String expiry,
    double pcr,
    double totalCeOi,
    double totalPeOi,
    double strikeFrom,
    double strikeTo,
    long exchangeTimeMs) {

  public static final String TYPE = "pcr_update";

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
        .put("exchangeTimeMs", exchangeTimeMs);
  }

  /** The public message: {@code {"type":"pcr_update","data":{...}}}. */
  public JsonObject toMessage() {
    return new JsonObject().put("type", TYPE).put("data", toJson());
  }

  public static PcrUpdate fromJson(JsonObject data) {
    return new PcrUpdate(
        data.getString("symbol"),
        data.getString("expiry"),
        JsonNumbers.doubleOrNaN(data, "pcr"),
        JsonNumbers.doubleOrNaN(data, "totalCeOi"),
        JsonNumbers.doubleOrNaN(data, "totalPeOi"),
        JsonNumbers.doubleOrNaN(data, "strikeFrom"),
        JsonNumbers.doubleOrNaN(data, "strikeTo"),
        data.getLong("exchangeTimeMs", 0L));
  }
}
