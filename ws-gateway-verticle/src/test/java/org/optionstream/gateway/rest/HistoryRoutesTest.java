package org.optionstream.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optionstream.common.Addresses;
import org.optionstream.gateway.support.GatewayHarness;

/** /api/history/*: forwarded to the history stage's request addresses, its refusals and absence told apart. */
@ExtendWith(VertxExtension.class)
class HistoryRoutesTest {

  private GatewayHarness gw;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    // a stand-in history stage: echoes what it was asked, refuses a missing key as the real one does
    vertx.eventBus().<JsonObject>consumer(Addresses.HISTORY_GREEKS, m -> {
      if (m.body().getString("key") == null) {
        m.fail(400, "key is required");
      } else {
        m.reply(new JsonObject().put("asked", m.body()).put("points", new io.vertx.core.json.JsonArray()));
      }
    });
    vertx.eventBus().<JsonObject>consumer(Addresses.HISTORY_ATM, m -> m.fail(500, "disk on fire"));
    GatewayHarness.start(vertx, Map.of("GATEWAY_REQUEST_TIMEOUT_MS", "2000")).onComplete(ctx.succeeding(h -> {
      gw = h;
      ctx.completeNow();
    }));
  }

  @Test
  void queryParametersGoToTheHistoryStageAndItsAnswerComesBack(VertxTestContext ctx) {
    gw.get("/api/history/greeks?key=NSE_FO%7C43885&from=2025-11-20T09:15:00%2B05:30&to=1763620000000&every=1m")
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertThat(r.status()).isEqualTo(200);
          assertThat(r.response().getHeader("content-type")).startsWith("application/json");
          assertThat(r.body().toJsonObject().getJsonObject("asked").getMap()).containsExactlyInAnyOrderEntriesOf(Map.of(
              "key", "NSE_FO|43885", "from", "2025-11-20T09:15:00+05:30", "to", "1763620000000", "every", "1m"));
          ctx.completeNow();
        })));
  }

  @Test
  void refusalsAbsenceAndUnknownQuestionsAreToldApart(VertxTestContext ctx) {
    Future.all(
        gw.get("/api/history/greeks?from=1&to=2"),
        gw.get("/api/history/greeks?key=a&key=b"),
        gw.get("/api/history/chain?symbol=NIFTY"),
        gw.get("/api/history/atm?symbol=NIFTY"),
        gw.get("/api/history/everything")).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          GatewayHarness.Response refused = all.resultAt(0);
          assertThat(refused.status()).isEqualTo(400);
          assertThat(refused.body().toJsonObject().getString("error")).isEqualTo("key is required");
          GatewayHarness.Response twice = all.resultAt(1);
          assertThat(twice.status()).isEqualTo(400);
          assertThat(twice.body().toJsonObject().getString("error")).isEqualTo("key is given more than once");
          GatewayHarness.Response absent = all.resultAt(2);
          assertThat(absent.status()).isEqualTo(503);
          assertThat(absent.body().toJsonObject().getString("error")).isEqualTo("no history stage is running");
          GatewayHarness.Response broken = all.resultAt(3);
          assertThat(broken.status()).isEqualTo(502);
          assertThat(broken.body().toJsonObject().getString("error")).isEqualTo("disk on fire");
          GatewayHarness.Response unknown = all.resultAt(4);
          assertThat(unknown.status()).isEqualTo(404);
          assertThat(unknown.body().toJsonObject().getString("error")).contains("atm, chain, greeks, iv-rank, pcr");
          ctx.completeNow();
        })));
  }

  @Test
  void apiStatusCarriesTheHistoryStagesLatestStatus(Vertx vertx, VertxTestContext ctx) {
    JsonObject history = new JsonObject().put("mode", "embedded").put("rowsDropped", 0L);
    long timer = vertx.setPeriodic(50, id -> vertx.eventBus().publish(Addresses.HISTORY_STATUS, history));
    poll(vertx, ctx, timer, System.currentTimeMillis() + 10_000);
  }

  private void poll(Vertx vertx, VertxTestContext ctx, long timer, long deadline) {
    gw.get("/api/status").onComplete(ctx.succeeding(r -> {
      JsonObject shown = r.body().toJsonObject().getJsonObject("gateway").getJsonObject("history");
      if (shown != null) {
        vertx.cancelTimer(timer);
        ctx.verify(() -> assertThat(shown.getString("mode")).isEqualTo("embedded"));
        ctx.completeNow();
      } else if (System.currentTimeMillis() > deadline) {
        ctx.failNow("history status never shown in /api/status");
      } else {
        vertx.setTimer(50, id -> poll(vertx, ctx, timer, deadline));
      }
    }));
  }
}
