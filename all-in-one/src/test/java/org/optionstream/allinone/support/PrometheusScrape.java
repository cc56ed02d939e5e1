package org.optionstream.allinone.support;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads samples out of a process's Prometheus text ({@code /metrics}). */
public final class PrometheusScrape {

  private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? ([-0-9.eE+NaInf]+)$");

  private PrometheusScrape() {
  }

  /** The sum of every sample of {@code name} at {@code metricsUrl} (0 when absent or unreachable). */
  public static double sum(String metricsUrl, String name) {
    String body = Http.get(metricsUrl).map(r -> r.body()).orElse("");
    double sum = 0;
    Matcher matcher = SAMPLE.matcher(body);
    while (matcher.find()) {
      if (matcher.group(1).equals(name)) {
        sum += Double.parseDouble(matcher.group(3));
      }
    }
    return sum;
  }

  /** The metric names in a Prometheus text. */
  public static Set<String> names(String body) {
    Set<String> names = new TreeSet<>();
    Matcher matcher = SAMPLE.matcher(body);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }
}
