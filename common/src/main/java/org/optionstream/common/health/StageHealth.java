package org.optionstream.common.health;

import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.HealthChecks;

/**
 * The readiness and liveness checks of one Vertx instance (one process). Verticles register what
 * "ready to do my job" means for them (feed: status known; greeks: consuming; pcr: leader or warm
 * standby; gateway: caches warm); the management endpoints {@code /health/ready} and
 * {@code /health/live} serve them. The process makes one when it makes its Vertx
 * ({@link org.optionstream.common.launch.ProcessServices}) and hands it to every verticle that
 * registers a check, so the verticles of one process share it and two processes in one JVM (tests)
 * each have their own.
 */
public final class StageHealth {

  private final HealthChecks readiness;
  private final HealthChecks liveness;

  public StageHealth(Vertx vertx) {
    this.readiness = HealthChecks.create(vertx);
    this.liveness = HealthChecks.create(vertx);
  }

  /** Checks that must all be UP for the process to receive traffic ({@code /health/ready}). */
  public HealthChecks readiness() {
    return readiness;
  }

  /** Checks that must all be UP for the process to be left running ({@code /health/live}). */
  public HealthChecks liveness() {
    return liveness;
  }
}
