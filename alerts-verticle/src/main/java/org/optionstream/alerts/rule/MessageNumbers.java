package org.optionstream.alerts.rule;

import io.vertx.core.json.JsonObject;

/**
 * The numbers of one message's data that rules read: its top-level numeric fields and those of the objects
 * directly inside it (a {@code greeks_update}'s {@code greeks.delta}, a chain's {@code straddle.price}). A
 * field that is absent, JSON null or not a number reads as NaN.
 */
public interface MessageNumbers {

  /** The number at {@code field} of the data ({@code outer} null) or at {@code outer.field}; NaN when there is none. */
  double number(String outer, String field);

  /** The numbers of a data object already parsed (chain messages, index levels). */
  static MessageNumbers of(JsonObject data) {
    return (outer, field) -> {
      Object holder = outer == null ? data : data.getValue(outer);
      return holder instanceof JsonObject o && o.getValue(field) instanceof Number n ? n.doubleValue() : Double.NaN;
    };
  }
}
