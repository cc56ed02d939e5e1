package org.optionstream.common.management;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.optionstream.common.config.Env;
import org.optionstream.common.health.StageHealth;
import org.optionstream.common.launch.StageLauncher;
import org.optionstream.common.metrics.StageMetrics;

/**
 * The management endpoints of a real process started by {@link StageLauncher#launch}: liveness,
 * readiness (cluster joined, draining, a stage's own check) and Prometheus text with Vert.x, JVM and
 * the stages' own meters.
 */
class ManagementRoutesTest {

  private static final long TIMEOUT_SECONDS = 60;

  record Reply(int status, String body) {
  }

  private static Reply get(Vertx vertx, int port, String path) throws Exception {
    HttpClient client = vertx.createHttpClient();
    try {
      return client.request(HttpMethod.GET, port, "127.0.0.1", path)
          .compose(req -> req.send())
          .compose(resp -> resp.body().map(body -> new Reply(resp.statusCode(), body.toString())))
          .toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } finally {
      client.close();
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  private static Env env(Map<String, String> values) {
    return new Env(values);
  }

  @Test
  void clustered_process_is_ready_when_joined_and_not_ready_while_draining() throws Exception {
    var running = await(StageLauncher.launch("mgmt-test", env(Map.of(
        "HZ_CLUSTER_NAME", "t-" + UUID.randomUUID(),
        "MGMT_PORT", "0",
        "MGMT_HOST", "127.0.0.1",
        "SHUTDOWN_TIMEOUT_SECONDS", "30")), List.of()));
    Vertx vertx = running.vertx();
    try {
      int port = running.managementPort();
      assertThat(port).isPositive();

      Reply live = get(vertx, port, ManagementRoutes.LIVE_PATH);
      assertThat(live.status()).isEqualTo(200);
      assertThat(new JsonObject(live.body()).getString("status")).isEqualTo("UP");

      Reply ready = get(vertx, port, ManagementRoutes.READY_PATH);
      assertThat(ready.status()).isEqualTo(200);
      JsonObject readyJson = new JsonObject(ready.body());
      assertThat(readyJson.getString("status")).isEqualTo("UP");
      assertThat(readyJson.encode()).contains(ManagementChecks.CLUSTER, ManagementChecks.SERVING);

      StageHealth health = running.services().health();
      health.readiness().register("stage-x", p -> p.complete(Status.KO()));
      assertThat(get(vertx, port, ManagementRoutes.READY_PATH).status()).isEqualTo(503);
      health.readiness().unregister("stage-x");
      assertThat(get(vertx, port, ManagementRoutes.READY_PATH).status()).isEqualTo(200);

      Counter.builder("optionstream.test.events").register(StageMetrics.registry()).increment(3);
      io.micrometer.core.instrument.Timer.builder("optionstream.test.latency").register(StageMetrics.registry())
          .record(java.time.Duration.ofMillis(2));
      Reply metrics = get(vertx, port, ManagementRoutes.METRICS_PATH);
      assertThat(metrics.status()).isEqualTo(200);
      assertThat(metrics.body())
          .contains("optionstream_test_events_total 3.0")
          .contains("optionstream_test_latency_seconds_bucket{le=\"+Inf\"} 1")
          .contains("optionstream_test_latency_seconds_bucket{le=\"1.0E-5\"} 0")
          .contains("jvm_memory_used_bytes")
          .contains("vertx_http_server_");

      running.services().lifecycle().beginDraining();
      Reply draining = get(vertx, port, ManagementRoutes.READY_PATH);
      assertThat(draining.status()).isEqualTo(503);
      assertThat(draining.body()).contains("draining");
      assertThat(get(vertx, port, ManagementRoutes.LIVE_PATH).status()).isEqualTo(200);
    } finally {
      assertThat(running.stop(TIMEOUT_SECONDS)).isTrue();
    }
  }

  @Test
  void management_server_is_skipped_when_a_stage_mounted_the_routes_or_port_is_minus_one() throws Exception {
    var disabled = await(StageLauncher.launch("mgmt-off", env(Map.of("CLUSTERED", "false", "MGMT_PORT", "-1")),
        List.of()));
    try {
      assertThat(disabled.managementPort()).isEqualTo(-1);
    } finally {
      assertThat(disabled.stop(TIMEOUT_SECONDS)).isTrue();
    }

    var gatewayLike = await(StageLauncher.launch("gateway-like", env(Map.of("CLUSTERED", "false")),
        List.of(new StageLauncher.Stage("http", services -> new RoutesOnOwnServer(services.health(),
            services.lifecycle())))));
    try {
      assertThat(gatewayLike.managementPort()).isEqualTo(-1);
      int port = RoutesOnOwnServer.lastPort;
      assertThat(get(gatewayLike.vertx(), port, ManagementRoutes.READY_PATH).status()).isEqualTo(200);
      assertThat(get(gatewayLike.vertx(), port, ManagementRoutes.METRICS_PATH).status()).isEqualTo(200);
    } finally {
      assertThat(gatewayLike.stop(TIMEOUT_SECONDS)).isTrue();
    }
  }

  @Test
  void made_up_http_methods_never_make_new_metric_series_on_a_management_port() throws Exception {
    var running = await(StageLauncher.launch("mgmt-methods", env(Map.of("CLUSTERED", "false", "MGMT_PORT", "0",
        "MGMT_HOST", "127.0.0.1")), List.of()));
    try {
      int port = running.managementPort();
      StringBuilder requests = new StringBuilder();
      int count = 500;
      for (int i = 0; i < count; i++) {
        requests.append("M").append(1_000_000 + i).append(" /x HTTP/1.1\r\nHost: x\r\n")
            .append(i == count - 1 ? "Connection: close\r\n" : "").append("\r\n");
      }
      String answers = await(running.vertx().createNetClient().connect(port, "127.0.0.1").compose(socket -> {
        Buffer received = Buffer.buffer();
        Promise<String> closed = Promise.promise();
        socket.handler(received::appendBuffer);
        socket.closeHandler(v -> closed.complete(received.toString()));
        return socket.write(requests.toString()).compose(v -> closed.future());
      }));
      assertThat(answers.split("HTTP/1.1 4", -1)).as("answers, each a 4xx").hasSize(count + 1);

      String metrics = get(running.vertx(), port, ManagementRoutes.METRICS_PATH).body();
      assertThat(metrics).contains("vertx_http_server_").doesNotContain("M1000").doesNotContain("method=");
    } finally {
      assertThat(running.stop(TIMEOUT_SECONDS)).isTrue();
    }
  }

  /** Stands in for the gateway: its own HTTP server with the management routes mounted. */
  static final class RoutesOnOwnServer extends io.vertx.core.VerticleBase {
    static volatile int lastPort;
    private final StageHealth health;
    private final ProcessLifecycle lifecycle;

    RoutesOnOwnServer(StageHealth health, ProcessLifecycle lifecycle) {
      this.health = health;
      this.lifecycle = lifecycle;
    }

    @Override
    public Future<?> start() {
      var router = io.vertx.ext.web.Router.router(vertx);
      ManagementRoutes.mount(router, health, lifecycle);
      return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
          .onSuccess(server -> lastPort = server.actualPort());
    }
  }
}
