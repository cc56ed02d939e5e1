package org.optionstream.gateway.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optionstream.gateway.support.GatewayHarness;

/**
 * Only the gateway's own pages and the origins in {@code GATEWAY_ALLOWED_ORIGINS} may use the streams and
 * the API: a WebSocket upgrade or SockJS request from another origin gets 403 with a reason, an allowed
 * foreign origin gets CORS headers naming it (never {@code *}), and requests without an origin (programs)
 * pass but get no CORS headers.
 */
@ExtendWith(VertxExtension.class)
class OriginPolicyTest {

  private static final String ALLOWED = "https://dash.example.com";
  private static final String FOREIGN = "https://evil.example.net";

  private GatewayHarness gw;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    GatewayHarness.start(vertx, Map.of("GATEWAY_ALLOWED_ORIGINS", ALLOWED + ", http://localhost:3000"))
        .onSuccess(h -> gw = h)
        .onComplete(ctx.succeedingThenComplete());
  }

  private String self() {
    return "http://127.0.0.1:" + gw.port();
  }

  private Future<Integer> upgrade(String path, String origin) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(gw.port())
        .setURI(path);
    if (origin != null) {
      options.addHeader("Origin", origin);
    }
    return gw.ws.connect(options).map(ws -> {
      ws.close();
      return 101;
    }).recover(err -> err instanceof UpgradeRejectedException rejected
        ? Future.succeededFuture(rejected.getStatus()) : Future.failedFuture(err));
  }

  @Test
  void webSocketUpgradesFromForeignPagesAreRefused(VertxTestContext ctx) {
    Future.all(List.of(
        upgrade("/ws/greeks", FOREIGN),
        upgrade("/eventbus/websocket", FOREIGN),
        upgrade("/eventbus/000/abc/websocket", FOREIGN),
        upgrade("/ws/greeks", self()),
        upgrade("/ws/status", ALLOWED),
        upgrade("/eventbus/websocket", null))).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat(List.of(all.resultAt(0), all.resultAt(1), all.resultAt(2))).containsOnly(403);
          assertThat(List.of(all.resultAt(3), all.resultAt(4), all.resultAt(5))).containsOnly(101);
          ctx.completeNow();
        })));
  }

  @Test
  void sockJsAndApiAnswerCorsOnlyForAllowedOrigins(VertxTestContext ctx) {
    Future.all(List.of(
        gw.get("/eventbus/info", Map.of("Origin", FOREIGN)),
        gw.get("/eventbus/info", Map.of("Origin", ALLOWED)),
        gw.get("/eventbus/info", Map.of()),
        gw.get("/eventbus/info", Map.of("Origin", self())),
        gw.get("/api/status", Map.of("Origin", FOREIGN)),
        gw.request(HttpMethod.OPTIONS, "/api/greeks", Map.of("Origin", ALLOWED, "Access-Control-Request-Method", "GET",
            "Access-Control-Request-Headers", "x-gateway-token"), null),
        gw.get("/eventbus/000/abc/jsonp?c=cb", Map.of()),
        gw.get("/eventbus/000/abc/htmlfile?c=cb", Map.of("Referer", FOREIGN + "/page.html"))))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          GatewayHarness.Response foreign = all.resultAt(0);
          assertThat(foreign.status()).isEqualTo(403);
          assertThat(foreign.body().toJsonObject().getString("error")).contains(FOREIGN)
              .contains("GATEWAY_ALLOWED_ORIGINS");

          GatewayHarness.Response allowed = all.resultAt(1);
          assertThat(allowed.status()).isEqualTo(200);
          assertThat(allowed.response().getHeader("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
          assertThat(allowed.response().getHeader("Access-Control-Allow-Credentials")).isEqualTo("true");

          for (int i : new int[] {2, 3}) {
            GatewayHarness.Response plain = all.resultAt(i);
            assertThat(plain.status()).as("answer %d", i).isEqualTo(200);
            assertThat(plain.response().getHeader("Access-Control-Allow-Origin")).as("answer %d", i).isNull();
          }
          assertThat(((GatewayHarness.Response) all.resultAt(4)).status()).isEqualTo(403);

          GatewayHarness.Response preflight = all.resultAt(5);
          assertThat(preflight.status()).isEqualTo(204);
          assertThat(preflight.response().getHeader("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
          assertThat(preflight.response().getHeader("Access-Control-Allow-Headers"))
              .containsIgnoringCase("x-gateway-token");

          GatewayHarness.Response anonymousScript = all.resultAt(6);
          assertThat(anonymousScript.status()).isEqualTo(403);
          assertThat(new JsonObject(anonymousScript.body()).getString("error")).contains("Origin or Referer");
          assertThat(((GatewayHarness.Response) all.resultAt(7)).status()).isEqualTo(403);
          ctx.completeNow();
        })));
  }

  @Test
  void sameOriginIgnoresTheSchemeAndDefaultPorts() {
    assertThat(OriginPolicy.sameOrigin("http://127.0.0.1:8080", "127.0.0.1:8080")).isTrue();
    assertThat(OriginPolicy.sameOrigin("https://dash.example.com", "dash.example.com")).isTrue();
    assertThat(OriginPolicy.sameOrigin("https://dash.example.com", "dash.example.com:443")).isTrue();
    assertThat(OriginPolicy.sameOrigin("http://dash.example.com:8080", "dash.example.com")).isFalse();
    assertThat(OriginPolicy.sameOrigin("https://evil.example.net", "dash.example.com")).isFalse();
    assertThat(OriginPolicy.originOf("http://127.0.0.1:8080/index.html?x=1")).isEqualTo("http://127.0.0.1:8080");
    assertThat(OriginPolicy.originOf("not a url")).isNull();
  }
}
