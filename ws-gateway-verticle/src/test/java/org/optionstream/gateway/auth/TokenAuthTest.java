package org.optionstream.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optionstream.gateway.support.GatewayHarness;

@ExtendWith(VertxExtension.class)
class TokenAuthTest {

  private static final String TOKEN = "s3cret-Token";
  private GatewayHarness gw;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    GatewayHarness.start(vertx, Map.of("GATEWAY_TOKEN", TOKEN)).onComplete(ctx.succeeding(h -> {
      gw = h;
      ctx.completeNow();
    }));
  }

  @Test
  void apiWsAndEventBusNeedTheToken(VertxTestContext ctx) {
    Future.all(
        gw.get("/api/greeks"),
        gw.get("/api/pcr", Map.of("X-Gateway-Token", "wrong")),
        gw.get("/eventbus/info"),
        gw.get("/ws/greeks", Map.of("Upgrade", "websocket", "Connection", "Upgrade"))).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          for (int i = 0; i < all.size(); i++) {
            GatewayHarness.Response r = all.resultAt(i);
            assertThat(r.status()).as("request %d", i).isEqualTo(401);
          }
          ctx.completeNow();
        })));
  }

  @Test
  void tokenAcceptedFromHeaderBearerOrQuery(VertxTestContext ctx) {
    Future.all(
        gw.get("/api/greeks", Map.of("X-Gateway-Token", TOKEN)),
        gw.get("/api/pcr", Map.of("Authorization", "Bearer " + TOKEN)),
        gw.get("/api/status?token=" + TOKEN),
        gw.get("/eventbus/info?token=" + TOKEN)).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          for (int i = 0; i < all.size(); i++) {
            GatewayHarness.Response r = all.resultAt(i);
            assertThat(r.status()).as("request %d", i).isEqualTo(200);
          }
          ctx.completeNow();
        })));
  }

  @Test
  void webSocketUpgradeWithoutTokenIs401WithTokenStreams(VertxTestContext ctx) {
    gw.webSocket("/ws/greeks", t -> { }).onComplete(ar -> {
      ctx.verify(() -> {
        assertThat(ar.failed()).isTrue();
        assertThat(((UpgradeRejectedException) ar.cause()).getStatus()).isEqualTo(401);
      });
      boolean[] done = {false};
      gw.webSocket("/ws/greeks?token=" + TOKEN, text -> {
        if (!done[0]) {
          done[0] = true;
          ctx.completeNow();
        }
      }).onFailure(ctx::failNow);
    });
  }

  @Test
  void dashboardAndProbesStayOpen(VertxTestContext ctx) {
    Future.all(gw.get("/"), gw.get("/health/ready"), gw.get("/app.js")).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      for (int i = 0; i < all.size(); i++) {
        assertThat(((GatewayHarness.Response) all.resultAt(i)).status()).as("request %d", i).isEqualTo(200);
      }
      ctx.completeNow();
    })));
  }
}
