package org.optionstream.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.optionstream.common.json.GreeksUpdate;
import org.optionstream.common.pricing.IvStatus;

/** The harness reads the fields it needs from exactly what the gateway sends. */
class UpdateFieldsTest {

  @Test
  void readsTypeKeySequenceAndFeedTimeOfARealGreeksUpdate() {
    GreeksUpdate u = new GreeksUpdate("NSE_FO|43885", "NIFTY", 23500, "CE", "2025-11-27", 123.45, 1234500, Double.NaN,
        42, 123.4, 123.5, 0.1423, 0.52, 0.0011, -12.3, 8.9, -0.02, 1_763_610_301_123L, 987_654_321L, 23512.3,
        23530.1, "SYNTHETIC", 0.0191, 0.10, IvStatus.OK, 1_763_610_301_123_456L);
    String text = u.toMessage().encode();

    assertThat(UpdateFields.string(text, "type")).isEqualTo("greeks_update");
    assertThat(UpdateFields.string(text, "instrumentKey")).isEqualTo("NSE_FO|43885");
    assertThat(UpdateFields.number(text, "sequence")).isEqualTo(987_654_321L);
    assertThat(UpdateFields.number(text, "feedReceivedAtMicros")).isEqualTo(1_763_610_301_123_456L);
  }

  @Test
  void absentOrNullFieldsAreReportedAsSuch() {
    String text = "{\"type\":\"pcr_update\",\"data\":{\"pcr\":null,\"xsequence\":5}}";
    assertThat(UpdateFields.string(text, "instrumentKey")).isNull();
    assertThat(UpdateFields.number(text, "pcr")).isEqualTo(-1);
    assertThat(UpdateFields.number(text, "sequence")).isEqualTo(-1);
  }

  @Test
  void prometheusCountersAreSummedOverLabelSets() {
    String text = """
        # HELP optionstream_gateway_conflated_total frames replaced
        # TYPE optionstream_gateway_conflated_total counter
        optionstream_gateway_conflated_total 12.0
        optionstream_feed_ticks_total{source="stream"} 100.0
        optionstream_feed_ticks_total{source="rest"} 5.0
        optionstream_feed_ticks_totalx 7.0
        """;
    assertThat(PrometheusText.sum(text, "optionstream_gateway_conflated_total")).isEqualTo(12.0);
    assertThat(PrometheusText.sum(text, "optionstream_feed_ticks_total")).isEqualTo(105.0);
    assertThat(PrometheusText.sum(text, "optionstream_greeks_ticks_total")).isNaN();
  }
}
