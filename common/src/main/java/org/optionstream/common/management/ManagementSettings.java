package org.optionstream.common.management;

import org.optionstream.common.config.Env;

/**
 * Settings of the management side of a process, read once from the environment.
 *
 * @param port           {@code MGMT_PORT}: TCP port of the management server ({@code /health/*},
 *                       {@code /metrics}); 0 = any free port; -1 = no management server. Unset: 9091,
 *                       unless the process's own HTTP server already mounts the routes (the gateway,
 *                       and the all-in-one process that contains it), then none
 * @param portConfigured whether {@code MGMT_PORT} was set explicitly
 * @param host           {@code MGMT_HOST}: interface the management server binds (default 127.0.0.1;
 *                       0.0.0.0 when {@code HZ_DISCOVERY=kubernetes}, so the kubelet can probe it)
 * @param shutdownTimeoutSeconds {@code SHUTDOWN_TIMEOUT_SECONDS}: upper bound, in seconds, of the whole
 *                       graceful shutdown after SIGTERM (drain delay + undeploy + leaving the cluster);
 *                       keep it below the pod's {@code terminationGracePeriodSeconds} (default 20)
 * @param drainDelayMillis {@code SHUTDOWN_DRAIN_MS}: milliseconds between readiness turning DOWN and
 *                       the stages being stopped, so endpoints and load balancers stop routing here
 *                       first (default 0; a few seconds in Kubernetes)
 */
public record ManagementSettings(
    int port, boolean portConfigured, String host, long shutdownTimeoutSeconds, long drainDelayMillis) {

  public static final int DEFAULT_PORT = 9091;
  public static final int DISABLED = -1;

  /** The environment variables this record reads (checked against the Kubernetes manifests). */
  public static final java.util.List<String> VARIABLES =
      java.util.List.of("MGMT_PORT", "MGMT_HOST", "SHUTDOWN_TIMEOUT_SECONDS", "SHUTDOWN_DRAIN_MS");

  public ManagementSettings {
    if (port < DISABLED || port > 65535) {
      throw new IllegalArgumentException("MGMT_PORT must be -1 (off), 0 (any) or a TCP port, got " + port);
    }
    if (shutdownTimeoutSeconds <= 0) {
      throw new IllegalArgumentException("SHUTDOWN_TIMEOUT_SECONDS must be positive, got " + shutdownTimeoutSeconds);
    }
    if (drainDelayMillis < 0 || drainDelayMillis >= shutdownTimeoutSeconds * 1000) {
      throw new IllegalArgumentException("SHUTDOWN_DRAIN_MS must be >= 0 and below SHUTDOWN_TIMEOUT_SECONDS, got "
          + drainDelayMillis + " ms");
    }
  }

  public static ManagementSettings from(Env env) {
    boolean configured = env.raw("MGMT_PORT") != null;
    return new ManagementSettings(
        env.integer("MGMT_PORT", DEFAULT_PORT),
        configured,
        env.string("MGMT_HOST", env.string("HZ_DISCOVERY", "tcp").equals("kubernetes") ? "0.0.0.0" : "127.0.0.1"),
        env.longValue("SHUTDOWN_TIMEOUT_SECONDS", 20),
        env.longValue("SHUTDOWN_DRAIN_MS", 0));
  }

  /**
   * Whether the launcher opens its own management server, given whether a deployed stage already
   * mounted {@link ManagementRoutes} on its HTTP server.
   */
  public boolean serverWanted(boolean routesAlreadyMounted) {
    if (port == DISABLED) {
      return false;
    }
    return portConfigured || !routesAlreadyMounted;
  }
}
