package org.optionstream.feed.instruments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class InstrumentMasterTest {

  private static final LocalDate TODAY = LocalDate.of(2025, 11, 20);

  @Test
  void indexesOptionsByUnderlyingExpiryAndStrikeWithStepAndLot() {
    JsonArray rows = MasterFixture.nifty(23_000, 24_000, 50, LocalDate.of(2025, 11, 25), LocalDate.of(2025, 12, 2));
    // a 100-point tail beyond the 50-point core must not change the step
    rows.add(new JsonObject().put("segment", "NSE_FO").put("instrument_type", "CE").put("instrument_key", "NSE_FO|far")
        .put("underlying_key", "NSE_INDEX|Nifty 50").put("underlying_symbol", "NIFTY").put("strike_price", 24_100.0)
        .put("expiry", MasterFixture.expiryMs(LocalDate.of(2025, 11, 25))).put("lot_size", 75));
    // expired contract and a non-option row are ignored
    rows.add(new JsonObject().put("segment", "NSE_FO").put("instrument_type", "PE").put("instrument_key", "NSE_FO|old")
        .put("underlying_key", "NSE_INDEX|Nifty 50").put("underlying_symbol", "NIFTY").put("strike_price", 23_000.0)
        .put("expiry", MasterFixture.expiryMs(LocalDate.of(2025, 11, 18))).put("lot_size", 75));
    rows.add(new JsonObject().put("segment", "NSE_FO").put("instrument_type", "FUT").put("instrument_key", "NSE_FO|fut")
        .put("underlying_key", "NSE_INDEX|Nifty 50").put("underlying_symbol", "NIFTY")
        .put("expiry", MasterFixture.expiryMs(LocalDate.of(2025, 11, 25))));
    InstrumentMaster master = MasterFixture.parse(rows, TODAY);

    Underlying nifty = master.underlying("nifty");
    assertThat(nifty.indexKey()).isEqualTo("NSE_INDEX|Nifty 50");
    assertThat(nifty.chains().keySet()).containsExactly(
        (int) LocalDate.of(2025, 11, 25).toEpochDay(), (int) LocalDate.of(2025, 12, 2).toEpochDay());
    ExpiryChain first = nifty.chains().firstEntry().getValue();
    assertThat(first.strikeStep()).isEqualTo(50);
    assertThat(first.lotSize()).isEqualTo(75);
    assertThat(first.nearestStrike(23_724)).isEqualTo(23_700);
    assertThat(first.nearestStrike(23_726)).isEqualTo(23_750);
    assertThat(first.contract(23_700, true).instrumentKey()).isEqualTo(MasterFixture.key(23_700, "CE", 0));
    assertThat(master.contract("NSE_FO|old")).isNull();
    assertThat(master.contract("NSE_FO|fut")).isNull();
    assertThat(master.symbols()).containsExactly("NIFTY");
  }

  @Test
  void readsTheGzippedFileAndRejectsAnythingElse() throws Exception {
    byte[] json = MasterFixture.nifty(23_500, 23_600, 50, LocalDate.of(2025, 11, 25)).toBuffer().getBytes();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(json);
    }
    InstrumentMaster master = InstrumentMaster.parseGzip(out.toByteArray(), (int) TODAY.toEpochDay());
    assertThat(master.contractCount()).isEqualTo(6);
    assertThatThrownBy(() -> InstrumentMaster.parseGzip(json, (int) TODAY.toEpochDay()))
        .hasMessageContaining("gzipped JSON array");
  }
}
