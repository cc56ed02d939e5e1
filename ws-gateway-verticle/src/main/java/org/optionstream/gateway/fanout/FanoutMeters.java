package org.optionstream.gateway.fanout;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/**
 * The gateway's meters: {@code optionstream.gateway.clients{transport}} (connected clients),
 * {@code optionstream.gateway.conflated} (frames replaced in a client's backlog by a newer one),
 * {@code optionstream.gateway.slow.closed} (clients closed for staying behind) and
 * {@code optionstream.gateway.updates} (updates accepted into the caches).
 */
public final class FanoutMeters {

  private final Counter conflated;
  private final Counter slowClosed;
  private final Counter updates;

  public FanoutMeters(MeterRegistry registry, Supplier<Number> wsClients, Supplier<Number> sockJsClients) {
    this.conflated = Counter.builder("optionstream.gateway.conflated")
        .description("frames replaced in a slow client's backlog by a newer one").register(registry);
    this.slowClosed = Counter.builder("optionstream.gateway.slow.closed")
        .description("clients closed because they stayed behind").register(registry);
    this.updates = Counter.builder("optionstream.gateway.updates")
        .description("updates accepted into the gateway caches").register(registry);
    Gauge.builder("optionstream.gateway.clients", wsClients).tag("transport", "websocket").strongReference(true)
        .register(registry);
    Gauge.builder("optionstream.gateway.clients", sockJsClients).tag("transport", "sockjs").strongReference(true)
        .register(registry);
  }

  void conflated() {
    conflated.increment();
  }

  /** {@code deliveries} client deliveries replaced by a newer frame before they were flushed. */
  public void conflated(int deliveries) {
    conflated.increment(deliveries);
  }

  void slowClosed() {
    slowClosed.increment();
  }

  public void update() {
    updates.increment();
  }

  public double conflatedCount() {
    return conflated.count();
  }
}
