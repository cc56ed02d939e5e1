package org.optionstream.common.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.vertx.micrometer.backends.BackendRegistries;

/**
 * The Micrometer registry the project's own meters go to: the Vert.x Micrometer backend (scraped at
 * {@code /metrics} as Prometheus text) when metrics are enabled for this Vertx, otherwise
 * Micrometer's global registry, so meters work in tests without a backend.
 * Meter names start with {@code optionstream.} and carry units in their names (e.g.
 * {@code optionstream.greeks.latency} is a timer, {@code optionstream.feed.ticks} a counter).
 */
public final class StageMetrics {

  private StageMetrics() {
  }

  public static MeterRegistry registry() {
    MeterRegistry backend = BackendRegistries.getDefaultNow();
    return backend != null ? backend : Metrics.globalRegistry;
  }
}
