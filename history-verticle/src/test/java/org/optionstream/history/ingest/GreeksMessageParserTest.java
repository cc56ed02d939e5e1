package org.optionstream.history.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.optionstream.common.encoding.JsonBytesWriter;
import org.optionstream.common.json.GreeksUpdate;
import org.optionstream.common.json.GreeksUpdateFrame;
import org.optionstream.history.Updates;

/** The writer thread reads each encoded greeks_update into a row, field for field, without a JSON tree. */
class GreeksMessageParserTest {

  private final GreeksMessageParser parser = new GreeksMessageParser();

  private static byte[] encoded(GreeksUpdate update) {
    return GreeksUpdateFrame.of(update, new JsonBytesWriter()).message();
  }

  @Test
  void everyFieldOfAnUpdateReachesTheRow() throws Exception {
    GreeksUpdate u = Updates.greeks(23500, "CE", 123.45, 0.1423, 23530.1, 1_763_610_301_123L, 7);
    GreeksRow row = parser.parse(encoded(u), new GreeksRow());
    assertThat(row.instrumentKey).isEqualTo("NSE_FO|23500CE");
    assertThat(row.symbol).isEqualTo("NIFTY");
    assertThat(row.expiry).isEqualTo("2025-11-27");
    assertThat(row.type).isEqualTo("CE");
    assertThat(row.strike).isEqualTo(23500);
    assertThat(row.price).isEqualTo(123.45);
    assertThat(row.bid).isEqualTo(122.95);
    assertThat(row.ask).isEqualTo(123.95);
    assertThat(row.oi).isEqualTo(123_500);
    assertThat(row.oiChange).isEqualTo(500);
    assertThat(row.volume).isEqualTo(1_007);
    assertThat(row.iv).isEqualTo(0.1423);
    assertThat(row.ivStatus).isEqualTo("OK");
    assertThat(row.delta).isEqualTo(0.5);
    assertThat(row.gamma).isEqualTo(0.001);
    assertThat(row.theta).isEqualTo(-10.0);
    assertThat(row.vega).isEqualTo(8.0);
    assertThat(row.rho).isEqualTo(3.0);
    assertThat(row.forward).isEqualTo(23530.1);
    assertThat(row.underlyingPrice).isEqualTo(23520.1);
    assertThat(row.timeToExpiry).isEqualTo(0.02);
    assertThat(row.rate).isEqualTo(0.10);
    assertThat(row.exchangeTimeMs).isEqualTo(1_763_610_301_123L);
    assertThat(row.sequence).isEqualTo(7);
  }

  @Test
  void nullsBecomeQuestDbNullsAndTheReusedRowForgetsThePreviousUpdate() throws Exception {
    GreeksRow row = new GreeksRow();
    parser.parse(encoded(Updates.greeks(23500, "CE", 123.45, 0.1423, 23530.1, 1_000L, 7)), row);
    parser.parse(encoded(Updates.unsolved(23000, "PE", 0.05, 23530.1, 2_000L)), row);
    assertThat(row.instrumentKey).isEqualTo("NSE_FO|23000PE");
    assertThat(row.iv).isNaN();
    assertThat(row.delta).isNaN();
    assertThat(row.oiChange).isNaN();
    assertThat(row.ivStatus).isEqualTo("BELOW_INTRINSIC");
    assertThat(row.exchangeTimeMs).isEqualTo(2_000L);
  }

  @Test
  void unknownMembersAreSkipped() throws Exception {
    String message = "{\"type\":\"greeks_update\",\"extra\":[1,{\"a\":2}],\"data\":{\"instrumentKey\":\"K\","
        + "\"symbol\":\"NIFTY\",\"expiry\":\"2025-11-27\",\"type\":\"PE\",\"exchangeTimeMs\":5,"
        + "\"future\":{\"x\":[1,2]},\"price\":1.5}}";
    GreeksRow row = parser.parse(message.getBytes(StandardCharsets.UTF_8), new GreeksRow());
    assertThat(row.price).isEqualTo(1.5);
    assertThat(row.exchangeTimeMs).isEqualTo(5);
  }

  @Test
  void notJsonAndMissingIdentityAreMalformedByKind() {
    assertThatThrownBy(() -> parser.parse("{\"data\":{".getBytes(StandardCharsets.UTF_8), new GreeksRow()))
        .isInstanceOfSatisfying(MalformedMessageException.class, e -> assertThat(e.kind()).isEqualTo("greeks_json"));
    assertThatThrownBy(() -> parser.parse("[1,2]".getBytes(StandardCharsets.UTF_8), new GreeksRow()))
        .isInstanceOfSatisfying(MalformedMessageException.class, e -> assertThat(e.kind()).isEqualTo("greeks_json"));
    byte[] noTime = "{\"data\":{\"instrumentKey\":\"K\",\"symbol\":\"S\",\"expiry\":\"2025-11-27\",\"type\":\"CE\"}}"
        .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> parser.parse(noTime, new GreeksRow()))
        .isInstanceOfSatisfying(MalformedMessageException.class, e -> assertThat(e.kind()).isEqualTo("greeks_fields"));
  }
}
