package org.optionstream.bench.pipeline;

/**
 * Reads single top-level-or-nested fields out of a compact JSON text (what the gateway sends:
 * no whitespace between a name and its value) without building a tree, so the harness's clients
 * parse each update in well under a microsecond and leave the CPU to the system under test.
 * Field names are unique within a {@code greeks_update}, so the first occurrence is the field.
 */
final class UpdateFields {

  private UpdateFields() {
  }

  /** The string value of {@code "name":"..."} (no escapes expected in these values), or null. */
  static String string(String json, String name) {
    int at = valueStart(json, name);
    if (at < 0 || at >= json.length() || json.charAt(at) != '"') {
      return null;
    }
    int end = json.indexOf('"', at + 1);
    return end < 0 ? null : json.substring(at + 1, end);
  }

  /** The integral value of {@code "name":123}, or -1 when absent, null or not an integer. */
  static long number(String json, String name) {
    int at = valueStart(json, name);
    if (at < 0) {
      return -1;
    }
    long value = 0;
    boolean negative = false;
    int i = at;
    if (i < json.length() && json.charAt(i) == '-') {
      negative = true;
      i++;
    }
    int digits = 0;
    for (; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c < '0' || c > '9') {
        break;
      }
      value = value * 10 + (c - '0');
      digits++;
    }
    if (digits == 0) {
      return -1;
    }
    return negative ? -value : value;
  }

  private static int valueStart(String json, String name) {
    int from = 0;
    while (true) {
      int q = json.indexOf(name, from);
      if (q < 0) {
        return -1;
      }
      int after = q + name.length();
      if (q > 0 && json.charAt(q - 1) == '"' && after + 1 < json.length() && json.charAt(after) == '"'
          && json.charAt(after + 1) == ':') {
        return after + 2;
      }
      from = q + 1;
    }
  }
}
