package org.optionstream.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.optionstream.common.json.GreeksUpdate;
import org.optionstream.common.pricing.IvStatus;

/** The harness reads the fields it needs from exactly what the gateway sends. */
class UpdateFieldsTest {

  @Test
  void readsTypeKeySequenceAndFeedTimeOfARealGreeksUpdate() {
    GreeksUpdate u = GreeksUpdate.builder().instrumentKey("NSE_FO|43885").symbol("NIFTY").strike(23500).type("CE")
        .expiry("2025-11-27").price(123.45).oi(1234500).oiChange(Double.NaN).volume(42).bid(123.4).ask(123.5)
        .iv(0.1423).delta(0.52).gamma(0.0011).theta(-12.3).vega(8.9).rho(-0.02).exchangeTimeMs(1_763_610_301_123L)
        .sequence(987_654_321L).underlyingPrice(23512.3).forward(23530.1).forwardSource("SYNTHETIC")
        .timeToExpiry(0.0191).rate(0.10).ivStatus(IvStatus.OK).feedReceivedAtMicros(1_763_610_301_123_456L).build();
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
