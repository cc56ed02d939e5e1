package org.optionstream.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optionstream.common.Addresses;
import org.optionstream.gateway.support.GatewayHarness;
import org.optionstream.gateway.support.GatewayHarness.Response;

/**
 * A gateway the cluster stopped delivering to says so on {@code /health/ready}, so a load balancer
 * sends browsers to another one; when its inputs come back, or when the silence is the feed's own
 * (the feed is gone), it is ready.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class InputWatchTest {

  private static final long DEAF_AFTER_MS = 1_500;
  private static final long WAIT_MS = 20_000;

  @Test
  void noGreeksWhileTheFeedIsLiveIsNotReadyAndUpdatesMakeItReadyAgain(Vertx vertx, VertxTestContext ctx) {
    GatewayHarness.startListening(vertx, Map.of("GATEWAY_DEAF_AFTER_MS", Long.toString(DEAF_AFTER_MS))).compose(gw -> {
      long liveStatus = vertx.setPeriodic(100, t -> vertx.eventBus().publish(Addresses.FEED_STATUS,
          gw.market.feedStatus().put("lastTickAgeMs", 0L)));
      return readiness(gw, r -> deaf(r, "no greeks update for"), "not ready while no greeks arrive").compose(deaf -> {
        ctx.verify(() -> assertThat(deaf.body().toString()).contains("no greeks update for").contains("LIVE"));
        long updates = vertx.setPeriodic(50, t -> gw.market.step(3));
        return readiness(gw, r -> r.status() == 200, "ready again once updates arrive")
            .eventually(() -> {
              vertx.cancelTimer(updates);
              vertx.cancelTimer(liveStatus);
              return Future.succeededFuture();
            });
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void noFeedStatusWhileTheFeedAnswersIsNotReadyButAFeedThatIsGoneIsNotTheGatewaysFault(Vertx vertx,
      VertxTestContext ctx) {
    GatewayHarness.startListening(vertx, Map.of("GATEWAY_DEAF_AFTER_MS", Long.toString(DEAF_AFTER_MS))).compose(gw ->
        readiness(gw, r -> deaf(r, "no feed.status for"), "not ready while feed.status is silent and the feed answers")
            .compose(deaf -> {
              ctx.verify(() -> assertThat(deaf.body().toString()).contains("no feed.status for")
                  .contains(Addresses.FEED_STATUS_QUERY));
              return gw.market.stopAnsweringFeedStatus();
            })
            .compose(v -> readiness(gw, r -> r.status() == 200, "ready once the feed itself is gone")))
        .onComplete(ctx.succeedingThenComplete());
  }

  private static boolean deaf(Response readiness, String why) {
    return readiness.status() == 503 && readiness.body().toString().contains(why);
  }

  /** Polls {@code /health/ready} every 50 ms until {@code wanted}; fails after {@value #WAIT_MS} ms. */
  private static Future<Response> readiness(GatewayHarness gw, Predicate<Response> wanted, String what) {
    Promise<Response> met = Promise.promise();
    long deadline = System.currentTimeMillis() + WAIT_MS;
    poll(gw, wanted, what, deadline, met);
    return met.future();
  }

  private static void poll(GatewayHarness gw, Predicate<Response> wanted, String what, long deadline,
      Promise<Response> met) {
    gw.get("/health/ready").onComplete(ar -> {
      if (ar.succeeded() && wanted.test(ar.result())) {
        met.complete(ar.result());
      } else if (System.currentTimeMillis() > deadline) {
        met.fail(what + " within " + WAIT_MS + " ms; last: " + (ar.succeeded()
            ? ar.result().status() + " " + ar.result().body() : ar.cause()));
      } else {
        gw.vertx.setTimer(50, t -> poll(gw, wanted, what, deadline, met));
      }
    });
  }
}
