package org.optionstream.alerts.rule;

import io.vertx.core.json.JsonObject;
import java.util.function.ToDoubleFunction;

/**
 * A figure a rule may watch.
 *
 * @param name    the rule's {@code metric}
 * @param source  what it is a figure of
 * @param address for a chain metric, the address whose messages carry it (null otherwise)
 * @param read    reads the figure from one message's data; NaN when the message does not carry it
 */
public record Metric(String name, SourceKind source, String address, ToDoubleFunction<JsonObject> read) {

  /** The number at {@code field} of {@code data}, NaN when absent or null. */
  public static double number(JsonObject data, String field) {
    Object value = data.getValue(field);
    return value instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  /** The number at {@code outer.inner} of {@code data}, NaN when absent or null. */
  public static double nested(JsonObject data, String outer, String inner) {
    Object value = data.getValue(outer);
    return value instanceof JsonObject o ? number(o, inner) : Double.NaN;
  }
}
