package org.optionstream.alerts.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Webhooks against a local HTTP server that fails, hangs and recovers: retries with back-off until it
 * answers 2xx, a dead letter when every attempt is spent, and a hanging endpoint never holding up another.
 */
@ExtendWith(VertxExtension.class)
class WebhookSenderTest {

  private static final JsonObject FIRING = new JsonObject().put("id", "r#1").put("ruleId", "r").put("value", 1.3);

  private HttpServer server;
  private WebhookSender sender;
  /** Status to answer for each path's n-th request (beyond the list: the last); 0 = never answer. */
  private final java.util.Map<String, List<Integer>> script = new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.Map<String, AtomicInteger> received = new java.util.concurrent.ConcurrentHashMap<>();
  private final List<JsonObject> bodies = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    sender = new WebhookSender(vertx, 300, 2, 50, 16);
    vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      bodies.add(body.toJsonObject());
      int n = received.computeIfAbsent(request.path(), p -> new AtomicInteger()).getAndIncrement();
      List<Integer> statuses = script.getOrDefault(request.path(), List.of(200));
      int status = statuses.get(Math.min(n, statuses.size() - 1));
      if (status > 0) {
        request.response().setStatusCode(status).end();
      }
    })).listen(0, "127.0.0.1").onComplete(ctx.succeeding(s -> {
      server = s;
      ctx.completeNow();
    }));
  }

  @AfterEach
  void stop(VertxTestContext ctx) {
    Future.join(sender.close(), server.close()).onComplete(ar -> ctx.completeNow());
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  @Test
  void retriesAFailingEndpointUntilItRecovers(VertxTestContext ctx) {
    script.put("/flaky", List.of(500, 503, 200));
    sender.send(url("/flaky"), FIRING).onComplete(ctx.succeeding(delivered -> ctx.verify(() -> {
      assertThat(delivered).isTrue();
      assertThat(received.get("/flaky").get()).isEqualTo(3);
      assertThat(bodies).allSatisfy(b -> assertThat(b).isEqualTo(FIRING));
      assertThat(sender.delivered()).isEqualTo(1);
      assertThat(sender.failedAttempts()).isEqualTo(2);
      assertThat(sender.deadLettered()).isZero();
      ctx.completeNow();
    })));
  }

  @Test
  void deadLettersOnceEveryAttemptFailed(VertxTestContext ctx) {
    script.put("/down", List.of(500));
    sender.send(url("/down"), FIRING).onComplete(ctx.succeeding(delivered -> ctx.verify(() -> {
      assertThat(delivered).isFalse();
      assertThat(received.get("/down").get()).as("the first attempt and two retries").isEqualTo(3);
      assertThat(sender.deadLettered()).isEqualTo(1);
      assertThat(sender.pending()).isZero();
      ctx.completeNow();
    })));
  }

  @Test
  void aHangingEndpointTimesOutAndHoldsUpNoOther(VertxTestContext ctx) {
    script.put("/hang", List.of(0));
    List<String> finished = new CopyOnWriteArrayList<>();
    Future<Boolean> hanging = sender.send(url("/hang"), FIRING).onSuccess(d -> finished.add("hang"));
    Future<Boolean> healthy = sender.send(url("/ok"), FIRING).onSuccess(d -> finished.add("ok"));
    Future.all(hanging, healthy).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      assertThat(healthy.result()).isTrue();
      assertThat(hanging.result()).isFalse();
      assertThat(finished).containsExactly("ok", "hang");
      assertThat(received.get("/hang").get()).isEqualTo(3);
      assertThat(sender.deadLettered()).isEqualTo(1);
      ctx.completeNow();
    })));
  }
}
