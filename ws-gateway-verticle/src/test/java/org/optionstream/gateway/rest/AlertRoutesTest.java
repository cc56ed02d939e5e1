package org.optionstream.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optionstream.common.Addresses;
import org.optionstream.gateway.support.GatewayHarness;

/**
 * /api/alerts and /ws/alerts against a stand-in alerts stage on the bus: rules created, read, deleted and
 * refused with the stage's reason, firings streamed, the token required when one is set.
 */
@ExtendWith(VertxExtension.class)
class AlertRoutesTest {

  private static final String TOKEN = "s3cret-token";

  /** A stand-in alerts stage: refuses a rule without value as the real one does, knows rule "r1". */
  private static void standIn(Vertx vertx) {
    vertx.eventBus().<JsonObject>consumer(Addresses.ALERTS_RULES_CREATE, m -> {
      if (m.body().getValue("value") == null) {
        m.fail(400, "value: required");
      } else {
        m.reply(m.body().copy().put("id", "r1"));
      }
    });
    vertx.eventBus().<JsonObject>consumer(Addresses.ALERTS_RULES_LIST, m -> m.reply(new JsonArray().add(
        new JsonObject().put("id", "r1"))));
    vertx.eventBus().<JsonObject>consumer(Addresses.ALERTS_RULES_GET, m -> {
      if ("r1".equals(m.body().getString("id"))) {
        m.reply(new JsonObject().put("id", "r1").put("state", new JsonObject()));
      } else {
        m.fail(404, "no rule " + m.body().getString("id"));
      }
    });
    vertx.eventBus().<JsonObject>consumer(Addresses.ALERTS_RULES_DELETE, m -> m.reply(new JsonObject().put("id", "r1")));
    vertx.eventBus().<JsonObject>consumer(Addresses.ALERTS_FIRED_QUERY, m -> m.reply(new JsonObject()
        .put("asked", m.body()).put("firings", new JsonArray())));
  }

  private static Future<GatewayHarness.Response> send(GatewayHarness gw, HttpMethod method, String uri, String body,
      Map<String, String> headers) {
    return gw.request(method, uri, headers, body == null ? null : Buffer.buffer(body));
  }

  @Test
  void createListReadDeleteAndTheStagesRefusals(Vertx vertx, VertxTestContext ctx) {
    standIn(vertx);
    GatewayHarness.start(vertx, Map.of()).compose(gw -> Future.all(java.util.List.of(
        send(gw, HttpMethod.POST, "/api/alerts", "{\"metric\":\"pcr\",\"value\":1.2}", Map.of()),
        send(gw, HttpMethod.POST, "/api/alerts", "{\"metric\":\"pcr\"}", Map.of()),
        send(gw, HttpMethod.POST, "/api/alerts", "[1,2", Map.of()),
        gw.get("/api/alerts"),
        gw.get("/api/alerts/r1"),
        gw.get("/api/alerts/nope"),
        send(gw, HttpMethod.DELETE, "/api/alerts/r1", null, Map.of()),
        gw.get("/api/alerts/fired?from=1&to=2"),
        gw.get("/api/alerts/fired?since=1"))).map(all -> all))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          GatewayHarness.Response created = all.resultAt(0);
          assertThat(created.status()).isEqualTo(200);
          assertThat(created.body().toJsonObject().getString("id")).isEqualTo("r1");
          GatewayHarness.Response refused = all.resultAt(1);
          assertThat(refused.status()).isEqualTo(400);
          assertThat(refused.body().toJsonObject().getString("error")).isEqualTo("value: required");
          GatewayHarness.Response notJson = all.resultAt(2);
          assertThat(notJson.status()).isEqualTo(400);
          assertThat(notJson.body().toJsonObject().getString("error")).contains("JSON object");
          GatewayHarness.Response listed = all.resultAt(3);
          assertThat(listed.body().toJsonArray()).hasSize(1);
          assertThat(((GatewayHarness.Response) all.resultAt(4)).status()).isEqualTo(200);
          GatewayHarness.Response unknown = all.resultAt(5);
          assertThat(unknown.status()).isEqualTo(404);
          assertThat(unknown.body().toJsonObject().getString("error")).isEqualTo("no rule nope");
          assertThat(((GatewayHarness.Response) all.resultAt(6)).status()).isEqualTo(200);
          GatewayHarness.Response fired = all.resultAt(7);
          assertThat(fired.body().toJsonObject().getJsonObject("asked"))
              .isEqualTo(new JsonObject().put("from", "1").put("to", "2"));
          GatewayHarness.Response badQuery = all.resultAt(8);
          assertThat(badQuery.status()).isEqualTo(400);
          assertThat(badQuery.body().toJsonObject().getString("error")).contains("since");
          ctx.completeNow();
        })));
  }

  @Test
  void withoutAnAlertsStageTheAnswerIs503(Vertx vertx, VertxTestContext ctx) {
    GatewayHarness.start(vertx, Map.of()).compose(gw -> gw.get("/api/alerts"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertThat(r.status()).isEqualTo(503);
          assertThat(r.body().toJsonObject().getString("error")).isEqualTo("no alerts stage is running");
          ctx.completeNow();
        })));
  }

  @Test
  void withATokenCreatingAndDeletingNeedIt(Vertx vertx, VertxTestContext ctx) {
    standIn(vertx);
    GatewayHarness.start(vertx, Map.of("GATEWAY_TOKEN", TOKEN)).compose(gw -> Future.all(
        send(gw, HttpMethod.POST, "/api/alerts", "{\"metric\":\"pcr\",\"value\":1.2}", Map.of()),
        send(gw, HttpMethod.DELETE, "/api/alerts/r1", null, Map.of()),
        send(gw, HttpMethod.POST, "/api/alerts", "{\"metric\":\"pcr\",\"value\":1.2}",
            Map.of("Authorization", "Bearer " + TOKEN)),
        send(gw, HttpMethod.DELETE, "/api/alerts/r1", null, Map.of("X-Gateway-Token", TOKEN))))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat(((GatewayHarness.Response) all.resultAt(0)).status()).isEqualTo(401);
          assertThat(((GatewayHarness.Response) all.resultAt(1)).status()).isEqualTo(401);
          assertThat(((GatewayHarness.Response) all.resultAt(2)).status()).isEqualTo(200);
          assertThat(((GatewayHarness.Response) all.resultAt(3)).status()).isEqualTo(200);
          ctx.completeNow();
        })));
  }

  @Test
  void firingsAreStreamedOnWsAlerts(Vertx vertx, VertxTestContext ctx) {
    JsonObject firing = new JsonObject().put("id", "r1#1").put("ruleId", "r1").put("value", 1.25);
    GatewayHarness.start(vertx, Map.of()).compose(gw -> gw.webSocket("/ws/alerts", text -> ctx.verify(() -> {
      assertThat(new JsonObject(text)).isEqualTo(new JsonObject().put("type", "alert_fired").put("data", firing));
      ctx.completeNow();
    }))).onComplete(ctx.succeeding(ws -> vertx.eventBus().publish(Addresses.ALERTS_FIRED, firing)));
  }
}
