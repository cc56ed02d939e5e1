package org.optionstream.common.encoding;

import io.vertx.core.json.JsonObject;

/**
 * JSON cannot carry NaN or Infinity: every non-finite number of the public messages becomes
 * {@code null}, and a {@code null} read back becomes {@link Double#NaN}.
 */
public final class JsonNumbers {

  private JsonNumbers() {
  }

  /** {@code value} boxed when finite, otherwise {@code null}. */
  public static Double finiteOrNull(double value) {
    return Double.isFinite(value) ? value : null;
  }

  /** The whole number at {@code key}, or 0 when it is absent, {@code null} or not a number. */
  public static long longOrZero(JsonObject json, String key) {
    return json.getValue(key) instanceof Number n ? n.longValue() : 0L;
  }

  /** The number at {@code key}, or NaN when it is absent or {@code null}. */
  public static double doubleOrNaN(JsonObject json, String key) {
    Number n = (Number) json.getValue(key);
    return n == null ? Double.NaN : n.doubleValue();
  }
}
