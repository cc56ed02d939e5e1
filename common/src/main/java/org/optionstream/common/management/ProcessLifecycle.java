package org.optionstream.common.management;

import io.vertx.core.Vertx;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where one process (one Vertx) is in its life: serving, or draining before it stops. Draining starts
 * when SIGTERM arrives; from then on {@code /health/ready} answers DOWN so Kubernetes and load
 * balancers stop routing work here while in-flight work finishes. Stages may ask
 * {@link #draining()} to refuse new long-lived work (e.g. new browser connections).
 */
public final class ProcessLifecycle {

  private static final Map<Vertx, ProcessLifecycle> BY_VERTX = new WeakHashMap<>();

  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicBoolean managementRoutesMounted = new AtomicBoolean();

  private ProcessLifecycle() {
  }

  public static synchronized ProcessLifecycle of(Vertx vertx) {
    return BY_VERTX.computeIfAbsent(vertx, v -> new ProcessLifecycle());
  }

  /** Marks the process as draining; returns true the first time only. */
  public boolean beginDraining() {
    return draining.compareAndSet(false, true);
  }

  public boolean draining() {
    return draining.get();
  }

  void markManagementRoutesMounted() {
    managementRoutesMounted.set(true);
  }

  /**
   * Whether some HTTP server of this process (the gateway's) already serves the management routes,
   * so the launcher need not open a separate management port.
   */
  public boolean managementRoutesMounted() {
    return managementRoutesMounted.get();
  }
}
