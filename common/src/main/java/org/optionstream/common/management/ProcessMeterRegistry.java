package org.optionstream.common.management;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * The Prometheus registry of a process (Vert.x, JVM and the stages' own meters). Every project timer
 * and distribution summary ({@code optionstream.*}) is published as a Prometheus histogram
 * ({@code _bucket} series), so latency percentiles can be aggregated across pods in PromQL; timer
 * buckets span {@value #MIN_TIMER_MICROS} µs to {@value #MAX_TIMER_SECONDS} s, fine enough for the
 * sub-millisecond per-tick stages.
 */
public final class ProcessMeterRegistry {

  static final long MIN_TIMER_MICROS = 10;
  static final long MAX_TIMER_SECONDS = 10;

  private ProcessMeterRegistry() {
  }

  public static PrometheusMeterRegistry create() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (!id.getName().startsWith("optionstream.")) {
          return config;
        }
        if (id.getType() == Meter.Type.TIMER) {
          return DistributionStatisticConfig.builder()
              .percentilesHistogram(true)
              .minimumExpectedValue((double) Duration.ofNanos(MIN_TIMER_MICROS * 1_000).toNanos())
              .maximumExpectedValue((double) Duration.ofSeconds(MAX_TIMER_SECONDS).toNanos())
              .build()
              .merge(config);
        }
        if (id.getType() == Meter.Type.DISTRIBUTION_SUMMARY) {
          return DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config);
        }
        return config;
      }
    });
    return registry;
  }
}
