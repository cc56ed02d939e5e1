package org.optionstream.common.management;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import java.util.List;
import org.optionstream.common.health.StageHealth;
import org.optionstream.common.metrics.StageMetrics;

/**
 * The three management endpoints every process serves, as routes to mount on any {@link Router}:
 * the dedicated management server mounts them on {@code MGMT_PORT}, the gateway on its own
 * {@code HTTP_PORT}.
 * <ul>
 *   <li>{@value #LIVE_PATH}: liveness ({@link StageHealth#liveness()}; the event loop answered)</li>
 *   <li>{@value #READY_PATH}: readiness ({@link StageHealth#readiness()}: cluster joined, not draining,
 *       and every stage's own check)</li>
 *   <li>{@value #METRICS_PATH}: Prometheus text of {@link StageMetrics#registry()}</li>
 * </ul>
 * Health answers 200 with {"status":"UP",...} or 503 with {"status":"DOWN",...}.
 */
public final class ManagementRoutes {

  public static final String LIVE_PATH = "/health/live";
  public static final String READY_PATH = "/health/ready";
  public static final String METRICS_PATH = "/metrics";

  /** Every path {@link #mount} serves (the Kubernetes manifest test checks probes against it). */
  public static final List<String> PATHS = List.of(LIVE_PATH, READY_PATH, METRICS_PATH);

  /** The Prometheus text exposition format version served at {@value #METRICS_PATH}. */
  static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private ManagementRoutes() {
  }

  /**
   * Mounts the three endpoints, serving {@code health}, on {@code router} and returns it; tells
   * {@code lifecycle} that the process serves them.
   */
  public static Router mount(Router router, StageHealth health, ProcessLifecycle lifecycle) {
    router.get(LIVE_PATH).handler(HealthCheckHandler.createWithHealthChecks(health.liveness()));
    router.get(READY_PATH).handler(HealthCheckHandler.createWithHealthChecks(health.readiness()));
    router.get(METRICS_PATH).handler(ManagementRoutes::scrape);
    lifecycle.markManagementRoutesMounted();
    return router;
  }

  /** A new router with only the management endpoints. */
  public static Router router(Vertx vertx, StageHealth health, ProcessLifecycle lifecycle) {
    return mount(Router.router(vertx), health, lifecycle);
  }

  private static void scrape(RoutingContext ctx) {
    MeterRegistry registry = StageMetrics.registry();
    if (!(registry instanceof PrometheusMeterRegistry prometheus)) {
      ctx.response().setStatusCode(503).end("metrics are not enabled for this process\n");
      return;
    }
    // A scrape walks every meter (80-130 ms seen, seconds for the first): keep it off the event loop.
    ctx.vertx().executeBlocking(prometheus::scrape, false)
        .onSuccess(text -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, PROMETHEUS_CONTENT_TYPE).end(text))
        .onFailure(ctx::fail);
  }
}
