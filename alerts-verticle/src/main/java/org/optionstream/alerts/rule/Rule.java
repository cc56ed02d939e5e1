package org.optionstream.alerts.rule;

import io.vertx.core.json.JsonObject;

/**
 * A validated alert rule (see {@link RuleParser} for the document and its checks).
 *
 * @param id              unique id, given when stored
 * @param name            the user's label (may be empty)
 * @param metric          the watched figure
 * @param subject         what it is a figure of
 * @param op              how it is compared
 * @param value           threshold for crossings; amount (or percent) for {@code changesBy}; NaN for bands
 * @param low             band's lower bound; NaN otherwise
 * @param high            band's upper bound; NaN otherwise
 * @param percent         {@code changesBy}: {@code value} is a percentage of the window's reference
 * @param windowSeconds   {@code changesBy}: the window, seconds; 0 otherwise
 * @param hysteresis      how far back across the threshold (or band edge) the value must go before the rule
 *                        re-arms, in the metric's units; NaN: the stage's default share of the threshold
 * @param cooldownSeconds least time between two firings, seconds
 * @param oneShot         fires at most once
 * @param webhookUrl      where each firing is POSTed as JSON; null for none
 * @param createdAtMs     when it was stored, epoch ms
 */
public record Rule(String id, String name, Metric metric, Subject subject, Operator op, double value, double low,
    double high, boolean percent, long windowSeconds, double hysteresis, long cooldownSeconds, boolean oneShot,
    String webhookUrl, long createdAtMs) {

  public Rule withId(String newId, long createdAt) {
    return new Rule(newId, name, metric, subject, op, value, low, high, percent, windowSeconds, hysteresis,
        cooldownSeconds, oneShot, webhookUrl, createdAt);
  }

  /** The hysteresis to apply: the rule's own, or {@code defaultPct} percent of its threshold (a band: its width). */
  public double effectiveHysteresis(double defaultPct) {
    if (!Double.isNaN(hysteresis)) {
      return hysteresis;
    }
    double scale = op.isBand() ? high - low : Math.abs(value);
    return scale * defaultPct / 100.0;
  }

  /** The rule as a document {@link RuleParser#parse} accepts back. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    if (id != null) {
      json.put("id", id);
    }
    json.put("name", name).put("metric", metric.name());
    subject.writeTo(json);
    json.put("op", op.wireName());
    if (op.isBand()) {
      json.put("low", low).put("high", high);
    } else {
      json.put("value", value);
    }
    if (op == Operator.CHANGES_BY) {
      json.put("percent", percent).put("windowSeconds", windowSeconds);
    }
    if (!Double.isNaN(hysteresis)) {
      json.put("hysteresis", hysteresis);
    }
    json.put("cooldownSeconds", cooldownSeconds).put("oneShot", oneShot);
    if (webhookUrl != null) {
      json.put("webhookUrl", webhookUrl);
    }
    if (createdAtMs > 0) {
      json.put("createdAtMs", createdAtMs);
    }
    return json;
  }
}
