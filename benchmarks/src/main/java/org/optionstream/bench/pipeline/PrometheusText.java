package org.optionstream.bench.pipeline;

/** Reads counters out of Prometheus text exposition (what {@code /metrics} serves). */
final class PrometheusText {

  private PrometheusText() {
  }

  /**
   * The sum over every series of metric {@code name} (all label sets), or NaN when the text has no
   * such series (e.g. the stage does not register that meter).
   */
  static double sum(String text, String name) {
    double total = 0;
    boolean found = false;
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.charAt(0) == '#' || !line.startsWith(name)) {
        continue;
      }
      int end = name.length();
      if (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
        continue;
      }
      int space = line.lastIndexOf(' ');
      try {
        total += Double.parseDouble(line.substring(space + 1).trim());
        found = true;
      } catch (NumberFormatException e) {
        // a timestamped or malformed sample: not a plain counter line
      }
    }
    return found ? total : Double.NaN;
  }
}
