package org.optionstream.alerts.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.optionstream.alerts.engine.Evaluator.Outcome;
import org.optionstream.alerts.rule.MetricRegistry;
import org.optionstream.alerts.rule.Rule;
import org.optionstream.alerts.rule.RuleParser;

class EvaluatorTest {

  private static final long T0 = 1_763_610_300_000L;
  private final RuleParser parser = new RuleParser(MetricRegistry.standard());
  private final Evaluator evaluator = new Evaluator(1.0);

  private Rule rule(String extra) {
    return parser.parse(new JsonObject("{\"metric\":\"pcr\",\"symbol\":\"NIFTY\",\"expiry\":\"nearest\"," + extra + "}"))
        .withId("r", T0);
  }

  /** The values at one-second steps; returns the indexes at which the rule fired. */
  private List<Integer> run(Rule rule, double... values) {
    RuleState state = new RuleState();
    ChangeWindow window = rule.windowSeconds() > 0 ? new ChangeWindow(rule.windowSeconds()) : null;
    List<Integer> fired = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      if (evaluator.evaluate(rule, state, window, values[i], T0 + i * 1000L) == Outcome.FIRED) {
        fired.add(i);
      }
    }
    return fired;
  }

  @Test
  void crossesAboveFiresOnTheEdgeOnlyAndReArmsPastTheHysteresis() {
    // threshold 1.2, hysteresis 1 % of it = 0.012: re-armed below 1.188
    Rule r = rule("\"op\":\"crossesAbove\",\"value\":1.2");
    assertThat(run(r, 1.1, 1.21, 1.19, 1.205, 1.195, 1.22, 1.18, 1.2)).containsExactly(1, 7);
  }

  @Test
  void aValueAlreadyPastTheThresholdOnlyArmsNothingFiresAtCreation() {
    Rule r = rule("\"op\":\"crossesAbove\",\"value\":1.2");
    assertThat(run(r, 1.3, 1.4, 1.1, 1.3)).containsExactly(3);
  }

  @Test
  void crossesBelowWithItsOwnHysteresis() {
    Rule r = rule("\"op\":\"crossesBelow\",\"value\":1.0,\"hysteresis\":0.1");
    assertThat(run(r, 1.2, 0.99, 1.05, 0.9, 1.11, 0.95)).containsExactly(1, 5);
  }

  @Test
  void cooldownSwallowsACrossingWithinIt() {
    Rule r = rule("\"op\":\"crossesAbove\",\"value\":1.2,\"hysteresis\":0,\"cooldownSeconds\":3");
    // fires at 1 s; the crossing at 3 s is within 3 s; the one at 5 s is not
    assertThat(run(r, 1.0, 1.3, 1.0, 1.3, 1.0, 1.3)).containsExactly(1, 5);
  }

  @Test
  void oneShotFiresOnce() {
    Rule r = rule("\"op\":\"crossesAbove\",\"value\":1.2,\"oneShot\":true");
    assertThat(run(r, 1.0, 1.3, 1.0, 1.3, 1.0, 1.3)).containsExactly(1);
  }

  @Test
  void bands() {
    Rule enters = rule("\"op\":\"entersBand\",\"low\":1.0,\"high\":2.0,\"hysteresis\":0.1");
    assertThat(run(enters, 0.5, 1.0, 0.95, 1.5, 0.8, 1.2, 2.5, 1.9)).containsExactly(1, 5, 7);
    Rule leaves = rule("\"op\":\"leavesBand\",\"low\":1.0,\"high\":2.0,\"hysteresis\":0.1");
    assertThat(run(leaves, 1.5, 2.01, 1.95, 1.5, 0.99, 1.5)).containsExactly(1, 4);
  }

  @Test
  void changesByWithinTheWindowMeasuredFromItsLowestThenAfresh() {
    Rule up = rule("\"op\":\"changesBy\",\"value\":2,\"windowSeconds\":3");
    // 10 → 11.5 → 12 (10 is 2 s back: +2) fires; then measured from 12: 13, 14 (+2 at 4 s) fires
    assertThat(run(up, 10, 11.5, 12, 13, 14)).containsExactly(2, 4);
    // the low slides out of a 2 s window: 10 at 0 s is gone by 3 s
    Rule slow = rule("\"op\":\"changesBy\",\"value\":2,\"windowSeconds\":2");
    assertThat(run(slow, 10, 11, 11.5, 11.9, 12.5)).isEmpty();
    Rule downPct = rule("\"op\":\"changesBy\",\"value\":-20,\"percent\":true,\"windowSeconds\":60");
    assertThat(run(downPct, 100, 110, 95, 88)).containsExactly(3);
  }

  @Test
  void missingValuesAreIgnored() {
    Rule r = rule("\"op\":\"crossesAbove\",\"value\":1.2");
    assertThat(run(r, 1.0, Double.NaN, 1.3)).containsExactly(2);
  }
}
