package org.optionstream.alerts.engine;

import io.vertx.core.json.JsonObject;

/**
 * What a rule remembers between values, and what a member taking a rule over must know to neither miss
 * nor repeat a crossing: whether it is armed (null: no value seen yet), the last value, how often and when
 * it last fired, whether a one-shot rule is done, and the source the state belongs to (a rule following the
 * ATM strike starts afresh on a new instrument).
 */
public final class RuleState {

  Boolean armed;
  double lastValue = Double.NaN;
  long firedCount;
  long lastFiredAtMs;
  private long previousFiredAtMs;
  boolean done;
  String source;

  public Boolean armed() {
    return armed;
  }

  public long firedCount() {
    return firedCount;
  }

  public long lastFiredAtMs() {
    return lastFiredAtMs;
  }

  public boolean done() {
    return done;
  }

  public double lastValue() {
    return lastValue;
  }

  public String source() {
    return source;
  }

  /** Records a firing at {@code nowMs}; {@code done} for a one-shot rule. */
  void fired(long nowMs, boolean oneShot) {
    previousFiredAtMs = lastFiredAtMs;
    firedCount++;
    lastFiredAtMs = nowMs;
    done = oneShot;
  }

  /**
   * Undoes the last {@link #fired}, armed again, so the next value fires it anew: for a firing that could not
   * be recorded (its state not saved), which must not be lost.
   */
  public void undoFiring() {
    firedCount--;
    lastFiredAtMs = previousFiredAtMs;
    done = false;
    armed = true;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("armed", armed)
        .put("lastValue", Double.isNaN(lastValue) ? null : lastValue)
        .put("firedCount", firedCount)
        .put("lastFiredAtMs", lastFiredAtMs)
        .put("done", done)
        .put("source", source);
  }

  public static RuleState fromJson(JsonObject json) {
    RuleState state = new RuleState();
    if (json == null) {
      return state;
    }
    state.armed = json.getBoolean("armed");
    Double last = json.getDouble("lastValue");
    state.lastValue = last == null ? Double.NaN : last;
    state.firedCount = json.getLong("firedCount", 0L);
    state.lastFiredAtMs = json.getLong("lastFiredAtMs", 0L);
    state.done = json.getBoolean("done", false);
    state.source = json.getString("source");
    return state;
  }
}
