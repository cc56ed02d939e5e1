package org.optionstream.common.health;

import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.HealthChecks;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The readiness and liveness checks of one Vertx instance (one process). Verticles register what
 * "ready to do my job" means for them (feed: status known; greeks: consuming; pcr: leader or warm
 * standby; gateway: caches warm); the management endpoints {@code /health/ready} and
 * {@code /health/live} serve them. One pair per Vertx, so several verticles in one JVM share it.
 */
public final class StageHealth {

  private static final Map<Vertx, StageHealth> BY_VERTX = new WeakHashMap<>();

  private final HealthChecks readiness;
  private final HealthChecks liveness;

  private StageHealth(Vertx vertx) {
    this.readiness = HealthChecks.create(vertx);
    this.liveness = HealthChecks.create(vertx);
  }

  public static synchronized StageHealth of(Vertx vertx) {
    return BY_VERTX.computeIfAbsent(vertx, StageHealth::new);
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
