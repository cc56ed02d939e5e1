package org.optionstream.alerts.engine;

import org.optionstream.alerts.rule.Operator;
import org.optionstream.alerts.rule.Rule;

/**
 * Decides, for one new value of a rule's metric, whether the rule fires, and updates its state. Firing is
 * edge-triggered: a rule fires when the value crosses from the armed side, and is armed again only once
 * the value is back by the hysteresis, so a value hovering at the threshold fires once. The first value a
 * rule sees only arms it (or not): a rule created while the value is already past the threshold fires on
 * the next crossing, not at once. A crossing within {@code cooldownSeconds} of the last firing is
 * swallowed (the rule must re-arm and cross again); a one-shot rule is done after its firing.
 */
public final class Evaluator {

  /** What evaluating one value did. */
  public enum Outcome {
    /** nothing changed that another member would need. */
    NONE,
    /** the rule armed or disarmed: its state should be saved. */
    STATE_CHANGED,
    /** the rule fired (its state changed too). */
    FIRED
  }

  private final double defaultHysteresisPct;

  /** @param defaultHysteresisPct hysteresis of a rule without its own, percent of its threshold (a band: its width) */
  public Evaluator(double defaultHysteresisPct) {
    this.defaultHysteresisPct = defaultHysteresisPct;
  }

  /**
   * @param window the rule's window ({@code changesBy} only, else null)
   * @param nowMs  the time of the value, epoch ms (cooldowns and windows are measured with it)
   */
  public Outcome evaluate(Rule rule, RuleState state, ChangeWindow window, double value, long nowMs) {
    if (state.done || Double.isNaN(value)) {
      return Outcome.NONE;
    }
    state.lastValue = value;
    if (rule.op() == Operator.CHANGES_BY) {
      return changes(rule, state, window, value, nowMs);
    }
    double h = rule.effectiveHysteresis(defaultHysteresisPct);
    boolean trigger = switch (rule.op()) {
      case CROSSES_ABOVE -> value >= rule.value();
      case CROSSES_BELOW -> value <= rule.value();
      case ENTERS_BAND -> value >= rule.low() && value <= rule.high();
      case LEAVES_BAND -> value < rule.low() || value > rule.high();
      default -> false;
    };
    boolean rearm = switch (rule.op()) {
      case CROSSES_ABOVE -> value < rule.value() - h;
      case CROSSES_BELOW -> value > rule.value() + h;
      case ENTERS_BAND -> value < rule.low() - h || value > rule.high() + h;
      case LEAVES_BAND -> value >= rule.low() + h && value <= rule.high() - h;
      default -> false;
    };
    if (state.armed == null) {
      // first value: arm only from the far side of the threshold, never fire
      state.armed = !trigger;
      return Outcome.STATE_CHANGED;
    }
    if (state.armed && trigger) {
      state.armed = false;
      return inCooldown(rule, state, nowMs) ? Outcome.STATE_CHANGED : fire(rule, state, nowMs);
    }
    if (!state.armed && rearm) {
      state.armed = true;
      return Outcome.STATE_CHANGED;
    }
    return Outcome.NONE;
  }

  private Outcome changes(Rule rule, RuleState state, ChangeWindow window, double value, long nowMs) {
    window.add(nowMs, value);
    boolean rise = rule.value() > 0;
    double reference = rise ? window.min() : window.max();
    double change = value - reference;
    if (rule.percent()) {
      if (reference == 0) {
        return Outcome.NONE;
      }
      change = change / Math.abs(reference) * 100.0;
    }
    boolean moved = rise ? change >= rule.value() : change <= rule.value();
    if (!moved || inCooldown(rule, state, nowMs)) {
      return Outcome.NONE;
    }
    window.reset();
    window.add(nowMs, value);
    return fire(rule, state, nowMs);
  }

  private static boolean inCooldown(Rule rule, RuleState state, long nowMs) {
    return state.firedCount > 0 && nowMs - state.lastFiredAtMs < rule.cooldownSeconds() * 1000;
  }

  private static Outcome fire(Rule rule, RuleState state, long nowMs) {
    state.fired(nowMs, rule.oneShot());
    return Outcome.FIRED;
  }
}
