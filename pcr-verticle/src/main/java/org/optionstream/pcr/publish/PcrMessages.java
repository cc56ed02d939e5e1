package org.optionstream.pcr.publish;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.optionstream.common.encoding.JsonNumbers;
import org.optionstream.common.json.PcrUpdate;
import org.optionstream.common.time.IstTime;
import org.optionstream.pcr.aggregate.OiByStrike;
import org.optionstream.pcr.aggregate.OiChangePcrReason;
import org.optionstream.pcr.aggregate.PcrFigures;
import org.optionstream.pcr.aggregate.PcrTotals;
import org.optionstream.pcr.aggregate.StrikeOi;

/** Maps the aggregator's figures to the public messages of {@code pcr.update} and {@code pcr.oi-by-strike}. */
public final class PcrMessages {

  private PcrMessages() {
  }

  /** The {@code pcr_update} data (common's {@link PcrUpdate}) for {@code figures} as of {@code exchangeTimeMs}. */
  public static PcrUpdate pcrUpdate(PcrFigures figures, long exchangeTimeMs) {
    PcrTotals w = figures.window();
    PcrTotals all = figures.allStrikes();
    return PcrUpdate.builder().symbol(figures.key().symbol()).expiry(figures.key().expiry()).pcr(w.pcr())
        .totalCeOi(w.ceOi()).totalPeOi(w.peOi()).strikeFrom(figures.strikeFrom()).strikeTo(figures.strikeTo())
        .exchangeTimeMs(exchangeTimeMs).atmStrike(figures.atmStrike()).volumePcr(w.volumePcr())
        .totalCeVolume(w.ceVolume()).totalPeVolume(w.peVolume()).oiChangePcr(w.oiChangePcr())
        .oiChangePcrReason(reason(w.oiChangePcrReason())).totalCeOiChange(w.ceOiChange())
        .totalPeOiChange(w.peOiChange()).allStrikesPcr(all.pcr()).allStrikesTotalCeOi(all.ceOi())
        .allStrikesTotalPeOi(all.peOi()).allStrikesFrom(figures.allStrikesFrom()).allStrikesTo(figures.allStrikesTo())
        .allStrikesVolumePcr(all.volumePcr()).allStrikesTotalCeVolume(all.ceVolume())
        .allStrikesTotalPeVolume(all.peVolume()).allStrikesOiChangePcr(all.oiChangePcr())
        .allStrikesOiChangePcrReason(reason(all.oiChangePcrReason())).allStrikesTotalCeOiChange(all.ceOiChange())
        .allStrikesTotalPeOiChange(all.peOiChange()).maxPain(figures.maxPain()).build();
  }

  /**
   * The {@code pcr.oi-by-strike} body: {@code {symbol, expiry, atmStrike, maxPain, timestamp,
   * exchangeTimeMs, strikes:[{strike, ceOi, peOi, ceOiChange, peOiChange, ceVolume, peVolume}]}};
   * a side that is not tracked has null OI and volume, a change is null while unknown.
   */
  public static JsonObject oiByStrike(OiByStrike table, long exchangeTimeMs) {
    JsonArray strikes = new JsonArray();
    for (StrikeOi row : table.strikes()) {
      strikes.add(new JsonObject()
          .put("strike", JsonNumbers.finiteOrNull(row.strike()))
          .put("ceOi", row.hasCe() ? JsonNumbers.finiteOrNull(row.ceOi()) : null)
          .put("peOi", row.hasPe() ? JsonNumbers.finiteOrNull(row.peOi()) : null)
          .put("ceOiChange", row.hasCe() ? JsonNumbers.finiteOrNull(row.ceOiChange()) : null)
          .put("peOiChange", row.hasPe() ? JsonNumbers.finiteOrNull(row.peOiChange()) : null)
          .put("ceVolume", row.hasCe() ? row.ceVolume() : null)
          .put("peVolume", row.hasPe() ? row.peVolume() : null));
    }
    return new JsonObject()
        .put("symbol", table.key().symbol())
        .put("expiry", table.key().expiry())
        .put("atmStrike", JsonNumbers.finiteOrNull(table.atmStrike()))
        .put("maxPain", JsonNumbers.finiteOrNull(table.maxPain()))
        .put("timestamp", IstTime.timestamp(exchangeTimeMs))
        .put("exchangeTimeMs", exchangeTimeMs)
        .put("strikes", strikes);
  }

  private static String reason(OiChangePcrReason reason) {
    return reason == null ? null : reason.name();
  }
}
