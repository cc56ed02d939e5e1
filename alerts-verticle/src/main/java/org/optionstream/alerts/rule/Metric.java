package org.optionstream.alerts.rule;

/**
 * A figure a rule may watch: one number of the messages of its source, at {@code field} of the message's data,
 * or at {@code outer.field} when the number sits in an object inside it.
 *
 * @param name    the rule's {@code metric}
 * @param source  what it is a figure of
 * @param address for a chain metric, the address whose messages carry it (null otherwise)
 * @param outer   the object of the data holding the number ({@code greeks}, {@code straddle}); null at the top level
 * @param field   the number's field
 */
public record Metric(String name, SourceKind source, String address, String outer, String field) {

  /** Reads the figure from one message's numbers; NaN when the message does not carry it. */
  public double read(MessageNumbers data) {
    return data.number(outer, field);
  }
}
