package org.optionstream.common.management;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import org.optionstream.common.health.StageHealth;

/**
 * The small HTTP server of a process that has no HTTP server of its own (feed, greeks, pcr):
 * serves only {@link ManagementRoutes} on {@code MGMT_PORT}.
 */
public final class ManagementServer {

  private ManagementServer() {
  }

  /**
   * Listens on {@code host:port} (port 0 = any free port), serving {@code health}; the future fails if
   * the port is taken.
   */
  public static Future<HttpServer> start(Vertx vertx, StageHealth health, ProcessLifecycle lifecycle, String host,
      int port) {
    return vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
        .requestHandler(ManagementRoutes.router(vertx, health, lifecycle))
        .listen()
        .recover(failure -> Future.failedFuture(new IllegalStateException(
            "management server cannot listen on " + host + ":" + port + " (MGMT_PORT): " + failure.getMessage(),
            failure)));
  }
}
