package org.optionstream.alerts.rule;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Reads and checks a rule document. Every refusal is a {@link RuleException} naming the field and the reason;
 * unknown fields are refused too, so a misspelt one never silently means its default.
 *
 * <pre>
 * {"metric":"pcr","symbol":"NIFTY","expiry":"nearest","op":"crossesAbove","value":1.2,"cooldownSeconds":300}
 * {"metric":"delta","symbol":"NIFTY","expiry":"nearest","strike":"atm","type":"CE","op":"crossesAbove","value":0.6}
 * {"metric":"iv","instrumentKey":"NSE_FO|43885","op":"changesBy","value":2,"windowSeconds":900}
 * {"metric":"index","symbol":"NIFTY","op":"leavesBand","low":23500,"high":24000,"oneShot":true}
 * </pre>
 */
public final class RuleParser {

  private static final Set<String> FIELDS = Set.of("id", "name", "metric", "instrumentKey", "symbol", "expiry",
      "strike", "type", "op", "value", "low", "high", "percent", "windowSeconds", "hysteresis", "cooldownSeconds",
      "oneShot", "webhookUrl", "createdAtMs");
  /** Longest {@code changesBy} window, seconds (one trading day). */
  public static final long MAX_WINDOW_SECONDS = 24 * 3600;
  private static final int MAX_TEXT = 200;

  private final MetricRegistry metrics;

  public RuleParser(MetricRegistry metrics) {
    this.metrics = metrics;
  }

  public Rule parse(JsonObject doc) {
    if (doc == null) {
      throw new RuleException("rule", "a JSON object is required");
    }
    for (String field : doc.fieldNames()) {
      if (!FIELDS.contains(field)) {
        throw new RuleException(field, "unknown field");
      }
    }
    String metricName = text(doc, "metric", true);
    Metric metric = metrics.get(metricName);
    if (metric == null) {
      throw new RuleException("metric", "unknown metric '" + metricName + "': one of " + metrics.names());
    }
    Subject subject = subject(doc, metric.source());
    String opName = text(doc, "op", true);
    Operator op = Operator.of(opName);
    if (op == null) {
      throw new RuleException("op", "unknown operator '" + opName + "': one of " + Operator.wireNames());
    }
    double value = Double.NaN;
    double low = Double.NaN;
    double high = Double.NaN;
    if (op.isBand()) {
      refuse(doc, "value", "not used by " + opName + " (give low and high)");
      low = number(doc, "low", true);
      high = number(doc, "high", true);
      if (!(low < high)) {
        throw new RuleException("high", "must be above low");
      }
    } else {
      refuse(doc, "low", "only for entersBand and leavesBand");
      refuse(doc, "high", "only for entersBand and leavesBand");
      value = number(doc, "value", true);
    }
    boolean percent = false;
    long windowSeconds = 0;
    if (op == Operator.CHANGES_BY) {
      if (value == 0) {
        throw new RuleException("value", "must not be 0 (positive: a rise, negative: a fall)");
      }
      percent = bool(doc, "percent");
      windowSeconds = whole(doc, "windowSeconds", true, 1, MAX_WINDOW_SECONDS);
    } else {
      refuse(doc, "percent", "only for changesBy");
      refuse(doc, "windowSeconds", "only for changesBy");
    }
    double hysteresis = number(doc, "hysteresis", false);
    if (hysteresis < 0) {
      throw new RuleException("hysteresis", "must be >= 0");
    }
    long cooldownSeconds = whole(doc, "cooldownSeconds", false, 0, 7 * 24 * 3600);
    boolean oneShot = bool(doc, "oneShot");
    String webhookUrl = webhook(doc);
    String name = doc.containsKey("name") ? text(doc, "name", false) : "";
    return new Rule(doc.getValue("id") instanceof String id ? id : null, name == null ? "" : name, metric, subject, op,
        value, low, high, percent, windowSeconds, hysteresis, cooldownSeconds, oneShot, webhookUrl,
        doc.getValue("createdAtMs") instanceof Number n ? n.longValue() : 0);
  }

  private static Subject subject(JsonObject doc, SourceKind kind) {
    String key = text(doc, "instrumentKey", false);
    switch (kind) {
      case INDEX, CHAIN -> {
        refuse(doc, "instrumentKey", "a " + kind.name().toLowerCase() + " metric is given by symbol");
        refuse(doc, "strike", "not used by a " + kind.name().toLowerCase() + " metric");
        refuse(doc, "type", "not used by a " + kind.name().toLowerCase() + " metric");
        String symbol = symbol(doc);
        if (kind == SourceKind.INDEX) {
          refuse(doc, "expiry", "not used by the index level");
          return new Subject(kind, null, symbol, null, Double.NaN, false, null);
        }
        return new Subject(kind, null, symbol, expiry(doc), Double.NaN, false, null);
      }
      default -> {
        if (key != null) {
          for (String f : new String[] {"symbol", "expiry", "strike", "type"}) {
            refuse(doc, f, "give either instrumentKey or symbol, expiry, strike and type");
          }
          return new Subject(kind, key, null, null, Double.NaN, false, null);
        }
        String symbol = symbol(doc);
        String expiry = expiry(doc);
        Object strike = doc.getValue("strike");
        boolean atm = Subject.ATM.equals(strike);
        double strikeValue = Double.NaN;
        if (!atm) {
          strikeValue = number(doc, "strike", true);
          if (!(strikeValue > 0)) {
            throw new RuleException("strike", "must be > 0 or \"atm\"");
          }
        }
        String type = text(doc, "type", true);
        if (!"CE".equals(type) && !"PE".equals(type)) {
          throw new RuleException("type", "must be CE or PE");
        }
        return new Subject(kind, null, symbol, expiry, strikeValue, atm, type);
      }
    }
  }

  private static String symbol(JsonObject doc) {
    String symbol = text(doc, "symbol", true);
    if (!symbol.matches("[A-Z0-9&_-]{1,30}")) {
      throw new RuleException("symbol", "must be an upper-case underlying such as NIFTY");
    }
    return symbol;
  }

  private static String expiry(JsonObject doc) {
    String expiry = text(doc, "expiry", true);
    if (Subject.NEAREST.equals(expiry)) {
      return expiry;
    }
    try {
      return LocalDate.parse(expiry).toString();
    } catch (DateTimeParseException e) {
      throw new RuleException("expiry", "must be an ISO date (2025-11-27) or \"nearest\"");
    }
  }

  private static String webhook(JsonObject doc) {
    String url = text(doc, "webhookUrl", false);
    if (url == null) {
      return null;
    }
    try {
      URI uri = new URI(url);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new RuleException("webhookUrl", "must be an absolute http or https URL");
      }
    } catch (java.net.URISyntaxException e) {
      throw new RuleException("webhookUrl", "not a URL: " + e.getReason());
    }
    return url;
  }

  private static void refuse(JsonObject doc, String field, String reason) {
    if (doc.containsKey(field)) {
      throw new RuleException(field, reason);
    }
  }

  private static String text(JsonObject doc, String field, boolean required) {
    Object value = doc.getValue(field);
    if (value == null) {
      if (required) {
        throw new RuleException(field, "required");
      }
      return null;
    }
    if (!(value instanceof String s)) {
      throw new RuleException(field, "must be a string");
    }
    if (required && s.isBlank()) {
      throw new RuleException(field, "must not be blank");
    }
    if (s.length() > MAX_TEXT && !"webhookUrl".equals(field)) {
      throw new RuleException(field, "longer than " + MAX_TEXT + " characters");
    }
    return s;
  }

  private static double number(JsonObject doc, String field, boolean required) {
    Object value = doc.getValue(field);
    if (value == null) {
      if (required) {
        throw new RuleException(field, "required");
      }
      return Double.NaN;
    }
    if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      throw new RuleException(field, "must be a finite number");
    }
    return n.doubleValue();
  }

  private static long whole(JsonObject doc, String field, boolean required, long min, long max) {
    double value = number(doc, field, required);
    if (Double.isNaN(value)) {
      return min;
    }
    if (value != Math.rint(value) || value < min || value > max) {
      throw new RuleException(field, "must be a whole number from " + min + " to " + max);
    }
    return (long) value;
  }

  private static boolean bool(JsonObject doc, String field) {
    Object value = doc.getValue(field);
    if (value == null) {
      return false;
    }
    if (!(value instanceof Boolean b)) {
      throw new RuleException(field, "must be true or false");
    }
    return b;
  }
}
