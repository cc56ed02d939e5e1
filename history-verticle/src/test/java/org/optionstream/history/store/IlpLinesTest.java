package org.optionstream.history.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Line protocol as QuestDB reads it: symbols first, typed fields, nulls left out, names and text escaped. */
class IlpLinesTest {

  @Test
  void aRowIsOneLineWithSymbolsThenFieldsThenNanoseconds() {
    IlpLines lines = new IlpLines();
    lines.table("greeks").symbol("instrument_key", "NSE_FO|43885").symbol("iv_status", null).symbol("note", "a b,c=d")
        .doubleColumn("price", 123.45).doubleColumn("iv", Double.NaN).longColumn("volume", 10)
        .longColumn("sequence", Long.MIN_VALUE).timestampColumn("last_tick_at", 2).stringColumn("reason", "say \"hi\"\n")
        .at(1_763_610_301_123L);
    lines.table("pcr").doubleColumn("pcr", 0.9).at(1);
    assertThat(new String(lines.toByteArray(), StandardCharsets.UTF_8)).isEqualTo(
        "greeks,instrument_key=NSE_FO|43885,note=a\\ b\\,c\\=d price=123.45,volume=10i,last_tick_at=2000t,"
            + "reason=\"say \\\"hi\\\" \" 1763610301123000000\n"
            + "pcr pcr=0.9 1000000\n");
    assertThat(lines.rows()).isEqualTo(2);
    lines.reset();
    assertThat(lines.toByteArray()).isEmpty();
  }
}
