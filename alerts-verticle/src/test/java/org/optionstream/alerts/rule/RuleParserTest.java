package org.optionstream.alerts.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleParserTest {

  private final RuleParser parser = new RuleParser(MetricRegistry.standard());

  @Test
  void readsTheDocumentedExamplesAndWritesThemBack() {
    for (String text : new String[] {
        "{\"metric\":\"pcr\",\"symbol\":\"NIFTY\",\"expiry\":\"nearest\",\"op\":\"crossesAbove\",\"value\":1.2,\"cooldownSeconds\":300}",
        "{\"metric\":\"delta\",\"symbol\":\"NIFTY\",\"expiry\":\"nearest\",\"strike\":\"atm\","
            + "\"type\":\"CE\",\"op\":\"crossesAbove\",\"value\":0.6}",
        "{\"metric\":\"iv\",\"instrumentKey\":\"NSE_FO|43885\",\"op\":\"changesBy\",\"value\":2,\"windowSeconds\":900}",
        "{\"metric\":\"oi\",\"symbol\":\"NIFTY\",\"expiry\":\"2025-11-27\",\"strike\":23500,\"type\":\"PE\","
            + "\"op\":\"changesBy\",\"value\":20,\"percent\":true,\"windowSeconds\":1800}",
        "{\"metric\":\"index\",\"symbol\":\"NIFTY\",\"op\":\"leavesBand\",\"low\":23500,\"high\":24000,"
            + "\"oneShot\":true,\"webhookUrl\":\"http://127.0.0.1:9/x\"}"}) {
      Rule rule = parser.parse(new JsonObject(text));
      Rule again = parser.parse(rule.toJson());
      assertThat(again.toJson()).isEqualTo(rule.toJson());
    }
    Rule atm = parser.parse(new JsonObject("{\"metric\":\"delta\",\"symbol\":\"NIFTY\",\"expiry\":\"nearest\","
        + "\"strike\":\"atm\",\"type\":\"CE\",\"op\":\"crossesAbove\",\"value\":0.6}"));
    assertThat(atm.subject().atm()).isTrue();
    assertThat(atm.subject().follows()).isTrue();
    assertThat(atm.metric().source()).isEqualTo(SourceKind.INSTRUMENT);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = ';', value = {
      "{\"symbol\":\"NIFTY\",\"op\":\"crossesAbove\",\"value\":1};metric;required",
      "{\"metric\":\"pcrr\",\"symbol\":\"NIFTY\",\"expiry\":\"nearest\",\"op\":\"crossesAbove\",\"value\":1};metric;unknown metric 'pcrr'",
      "{\"metric\":\"pcr\",\"symbol\":\"NIFTY\",\"expiry\":\"nearest\",\"op\":\"above\",\"value\":1};op;unknown operator",
      "{\"metric\":\"pcr\",\"symbol\":\"NIFTY\",\"expiry\":\"nearest\",\"op\":\"crossesAbove\"};value;required",
      "{\"metric\":\"pcr\",\"symbol\":\"NIFTY\",\"expiry\":\"nearest\",\"op\":\"crossesAbove\",\"value\":\"1\"};value;finite number",
      "{\"metric\":\"pcr\",\"symbol\":\"NIFTY\",\"expiry\":\"27 Nov\",\"op\":\"crossesAbove\",\"value\":1};expiry;ISO date",
      "{\"metric\":\"pcr\",\"symbol\":\"NIFTY\",\"op\":\"crossesAbove\",\"value\":1};expiry;required",
      "{\"metric\":\"index\",\"symbol\":\"NIFTY\",\"op\":\"entersBand\",\"low\":2,\"high\":1};high;above low",
      "{\"metric\":\"index\",\"symbol\":\"NIFTY\",\"op\":\"entersBand\",\"value\":2};value;not used by entersBand",
      "{\"metric\":\"iv\",\"instrumentKey\":\"K\",\"op\":\"changesBy\",\"value\":2};windowSeconds;required",
      "{\"metric\":\"iv\",\"instrumentKey\":\"K\",\"op\":\"changesBy\",\"value\":0,\"windowSeconds\":60};value;must not be 0",
      "{\"metric\":\"iv\",\"instrumentKey\":\"K\",\"op\":\"crossesAbove\",\"value\":2,"
          + "\"windowSeconds\":60};windowSeconds;only for changesBy",
      "{\"metric\":\"delta\",\"symbol\":\"NIFTY\",\"expiry\":\"nearest\",\"strike\":\"atm\",\"type\":\"XX\","
          + "\"op\":\"crossesAbove\",\"value\":0.5};type;CE or PE",
      "{\"metric\":\"delta\",\"symbol\":\"NIFTY\",\"expiry\":\"nearest\",\"strike\":-5,\"type\":\"CE\","
          + "\"op\":\"crossesAbove\",\"value\":0.5};strike;> 0",
      "{\"metric\":\"delta\",\"instrumentKey\":\"K\",\"symbol\":\"NIFTY\",\"op\":\"crossesAbove\","
          + "\"value\":0.5};symbol;either instrumentKey",
      "{\"metric\":\"pcr\",\"symbol\":\"NIFTY\",\"expiry\":\"nearest\",\"op\":\"crossesAbove\",\"value\":1,"
          + "\"cooldownSeconds\":1.5};cooldownSeconds;whole number",
      "{\"metric\":\"pcr\",\"symbol\":\"NIFTY\",\"expiry\":\"nearest\",\"op\":\"crossesAbove\",\"value\":1,"
          + "\"hysteresis\":-1};hysteresis;>= 0",
      "{\"metric\":\"pcr\",\"symbol\":\"NIFTY\",\"expiry\":\"nearest\",\"op\":\"crossesAbove\",\"value\":1,"
          + "\"webhookUrl\":\"ftp://x/y\"};webhookUrl;http or https",
      "{\"metric\":\"pcr\",\"symbol\":\"NIFTY\",\"expiry\":\"nearest\",\"op\":\"crossesAbove\",\"value\":1,"
          + "\"colour\":\"red\"};colour;unknown field",
      "{\"metric\":\"pcr\",\"symbol\":\"nifty\",\"expiry\":\"nearest\",\"op\":\"crossesAbove\",\"value\":1};symbol;upper-case",
      "{\"metric\":\"pcr\",\"symbol\":\"NIFTY\",\"expiry\":\"nearest\",\"strike\":23500,"
          + "\"op\":\"crossesAbove\",\"value\":1};strike;not used by a chain metric"})
  void refusesNamingTheFieldAndTheReason(String document, String field, String reason) {
    assertThatThrownBy(() -> parser.parse(new JsonObject(document)))
        .isInstanceOfSatisfying(RuleException.class, e -> {
          assertThat(e.field()).isEqualTo(field);
          assertThat(e.getMessage()).startsWith(field + ": ").contains(reason);
        });
  }
}
