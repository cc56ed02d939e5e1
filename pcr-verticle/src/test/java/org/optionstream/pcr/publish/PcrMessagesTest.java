package org.optionstream.pcr.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optionstream.pcr.Ticks.T0;
import static org.optionstream.pcr.Ticks.ce;
import static org.optionstream.pcr.Ticks.pe;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.optionstream.common.json.PcrUpdate;
import org.optionstream.common.tick.Tick;
import org.optionstream.pcr.aggregate.ExpiryBook;
import org.optionstream.pcr.aggregate.PcrAggregator;

class PcrMessagesTest {

  private static ExpiryBook book(List<Tick> ticks) {
    PcrAggregator aggregator = new PcrAggregator();
    ExpiryBook book = null;
    for (Tick tick : ticks) {
      book = aggregator.bookFor(tick);
      book.apply(tick);
    }
    return book;
  }

  @Test
  void pcrUpdateCarriesTheWindowFiguresAndTheExtensions() {
    ExpiryBook book = book(List.of(
        ce(23500, T0, 1, 1000, 40, 800), pe(23500, T0 + 123, 1, 1500, 60, 1000),
        ce(23700, T0, 1, 500, 0, Double.NaN)));
    JsonObject data = PcrMessages.pcrUpdate(book.figures(), book.newestExchangeTimeMs()).toJson();
    assertThat(data.getString("symbol")).isEqualTo("NIFTY");
    assertThat(data.getString("expiry")).isEqualTo("2025-11-27");
    assertThat(data.getDouble("pcr")).isEqualTo(1.5);
    assertThat(data.getDouble("totalCeOi")).isEqualTo(1000);
    assertThat(data.getDouble("totalPeOi")).isEqualTo(1500);
    assertThat(data.getDouble("strikeFrom")).isEqualTo(23400);
    assertThat(data.getDouble("strikeTo")).isEqualTo(23600);
    assertThat(data.getString("timestamp")).isEqualTo("2025-11-20T09:15:00.123+05:30");
    assertThat(data.getLong("exchangeTimeMs")).isEqualTo(T0 + 123);
    assertThat(data.getDouble("atmStrike")).isEqualTo(23500);
    assertThat(data.getDouble("volumePcr")).isEqualTo(1.5);
    assertThat(data.getLong("totalCeVolume")).isEqualTo(40);
    // change: CE +200, PE +500 -> 2.5
    assertThat(data.getDouble("oiChangePcr")).isEqualTo(2.5);
    assertThat(data.getValue("oiChangePcrReason")).isNull();
    assertThat(data.getDouble("allStrikesPcr")).isEqualTo(1.0);
    assertThat(data.getDouble("allStrikesTotalCeOi")).isEqualTo(1500);
    assertThat(data.getDouble("allStrikesFrom")).isEqualTo(23500);
    assertThat(data.getDouble("allStrikesTo")).isEqualTo(23700);
    assertThat(data.getDouble("allStrikesOiChangePcr")).as("23700 CE has no previous OI: left out").isEqualTo(2.5);
    // pain(23500) = 500*200 = 100,000; pain(23700) = 1000*200 = 200,000
    assertThat(data.getDouble("maxPain")).isEqualTo(23500);
    assertThat(PcrUpdate.fromJson(data).toJson()).isEqualTo(data);
  }

  @Test
  void undefinedFiguresAreNullNeverNaNOrInfinity() {
    ExpiryBook book = book(List.of(pe(23500, T0, 1, 1500, 60, Double.NaN)));
    JsonObject data = PcrMessages.pcrUpdate(book.figures(), book.newestExchangeTimeMs()).toJson();
    assertThat(data.getValue("pcr")).isNull();
    assertThat(data.getValue("volumePcr")).isNull();
    assertThat(data.getValue("oiChangePcr")).isNull();
    assertThat(data.getString("oiChangePcrReason")).isEqualTo("NO_PREV_OI");
    assertThat(data.getValue("totalCeOiChange")).isNull();
    assertThat(data.encode()).doesNotContain("NaN").doesNotContain("Infinity");
  }

  @Test
  void oiByStrikeHasTheContractShape() {
    ExpiryBook book = book(List.of(ce(23500, T0, 1, 1000, 40, 800), pe(23600, T0, 1, 300, 7, Double.NaN)));
    JsonObject body = PcrMessages.oiByStrike(book.oiByStrike(), book.newestExchangeTimeMs());
    assertThat(body.fieldNames()).containsExactlyInAnyOrder(
        "symbol", "expiry", "atmStrike", "maxPain", "timestamp", "exchangeTimeMs", "strikes");
    JsonArray strikes = body.getJsonArray("strikes");
    assertThat(strikes).hasSize(2);
    JsonObject first = strikes.getJsonObject(0);
    assertThat(first.fieldNames()).containsExactlyInAnyOrder(
        "strike", "ceOi", "peOi", "ceOiChange", "peOiChange", "ceVolume", "peVolume");
    assertThat(first.getDouble("strike")).isEqualTo(23500);
    assertThat(first.getDouble("ceOi")).isEqualTo(1000);
    assertThat(first.getDouble("ceOiChange")).isEqualTo(200);
    assertThat(first.getLong("ceVolume")).isEqualTo(40);
    assertThat(first.getValue("peOi")).as("no PE at 23500").isNull();
    assertThat(first.getValue("peVolume")).isNull();
    JsonObject second = strikes.getJsonObject(1);
    assertThat(second.getDouble("peOi")).isEqualTo(300);
    assertThat(second.getValue("peOiChange")).as("previous OI unknown").isNull();
    assertThat(body.encode()).doesNotContain("NaN");
  }
}
