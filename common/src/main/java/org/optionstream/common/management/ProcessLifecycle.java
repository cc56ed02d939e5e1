package org.optionstream.common.management;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where one process (one Vertx) is in its life: serving, or draining before it stops. Draining starts
 * when SIGTERM arrives; from then on {@code /health/ready} answers DOWN so Kubernetes and load
 * balancers stop routing work here while in-flight work finishes. Stages may ask
 * {@link #draining()} to refuse new long-lived work (e.g. new browser connections). The process makes one
 * when it makes its Vertx ({@link org.optionstream.common.launch.ProcessServices}).
 */
public final class ProcessLifecycle {

  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicBoolean managementRoutesMounted = new AtomicBoolean();

  public ProcessLifecycle() {
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
