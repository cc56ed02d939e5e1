package org.optionstream.gateway.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optionstream.gateway.support.FakeMarket;
import org.optionstream.gateway.support.GatewayHarness;
import org.optionstream.gateway.support.RawHttp;

/**
 * Every error answer says why, and the status fits: unknown methods 501, methods a path does not serve
 * 405 with {@code Allow}, unreadable requests 400, overlong request lines 414, overlarge headers 431,
 * overlarge bodies 413. Each malformed request goes on a raw connection of its own.
 */
@ExtendWith(VertxExtension.class)
class ErrorAnswersTest {

  private static final long ANSWER_TIMEOUT_MS = 10_000;
  private static final int MAX_BODY_BYTES = 4096;

  private GatewayHarness gw;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    GatewayHarness.start(vertx, Map.of("GATEWAY_MAX_BODY_BYTES", String.valueOf(MAX_BODY_BYTES))).onSuccess(h -> gw = h)
        .onComplete(ctx.succeedingThenComplete());
  }

  private Future<RawHttp.Answer> raw(String request) {
    return RawHttp.exchange(gw.vertx, gw.port(), request, ANSWER_TIMEOUT_MS);
  }

  private static String reason(RawHttp.Answer answer) {
    return new JsonObject(answer.body()).getString("error");
  }

  @Test
  void unknownMethodsGet501AndStandardOnesThePathDoesNotServeGet405WithAllow(VertxTestContext ctx) {
    Future.all(List.of(
        raw("M0000001 /api/greeks HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        raw("PUT /api/greeks HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
        raw("POST /health/live HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
        raw("DELETE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        raw("PATCH /eventbus/info HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          RawHttp.Answer unknown = all.resultAt(0);
          assertThat(unknown.status()).isEqualTo(501);
          assertThat(reason(unknown)).contains("unknown HTTP method");
          int[] expected405 = {1, 2, 3, 4};
          String[] allow = {"GET, POST", "GET", "GET, HEAD", "GET, POST, OPTIONS"};
          for (int i = 0; i < expected405.length; i++) {
            RawHttp.Answer a = all.resultAt(expected405[i]);
            assertThat(a.status()).as("answer %d", expected405[i]).isEqualTo(405);
            assertThat(a.header("Allow")).as("answer %d", expected405[i]).isEqualTo(allow[i]);
            assertThat(reason(a)).as("answer %d", expected405[i]).contains("is not allowed").contains(allow[i]);
          }
          ctx.completeNow();
        })));
  }

  @Test
  void unreadableRequestsGetAReasonAndTheConnectionCloses(VertxTestContext ctx) {
    String longUri = "/api/greeks?keys=" + "NSE_FO%7C43885,".repeat(400);
    String bigHeader = "X-Filler: " + "x".repeat(ErrorAnswers.MAX_HEADER_BYTES + 100) + "\r\n";
    Future.all(List.of(
        raw("GET " + longUri + " HTTP/1.1\r\nHost: x\r\n\r\n"),
        raw("GET /api/status HTTP/1.1\r\nHost: x\r\n" + bigHeader + "\r\n"),
        raw("GET /api/status NOT-HTTP\r\nHost: x\r\n\r\n")))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          RawHttp.Answer uri = all.resultAt(0);
          RawHttp.Answer headers = all.resultAt(1);
          RawHttp.Answer malformed = all.resultAt(2);
          assertThat(uri.status()).isEqualTo(414);
          assertThat(reason(uri)).contains("request line longer than 4096 bytes").contains("POST /api/greeks");
          assertThat(headers.status()).isEqualTo(431);
          assertThat(reason(headers)).contains("request headers larger than 8192 bytes");
          assertThat(malformed.status()).isEqualTo(400);
          assertThat(reason(malformed)).startsWith("malformed HTTP request");
          for (int i = 0; i < 3; i++) {
            assertThat(((RawHttp.Answer) all.resultAt(i)).header("Connection")).as("answer %d", i).isEqualTo("close");
          }
          ctx.completeNow();
        })));
  }

  @Test
  void aLongKeysFilterFitsInThePostFormAndAnOverlargeBodyGets413(VertxTestContext ctx) {
    List<String> keys = new ArrayList<>(gw.market.keys());
    String form = "symbol=" + FakeMarket.SYMBOL + "&keys=" + String.join(",", keys).replace("|", "%7C");
    String overlarge = "keys=" + "NSE_FO%7C1,".repeat(MAX_BODY_BYTES / 10);
    Map<String, String> formType = Map.of("Content-Type", "application/x-www-form-urlencoded");
    Future.all(List.of(
        gw.request(HttpMethod.POST, "/api/greeks", formType, Buffer.buffer(form)),
        gw.request(HttpMethod.POST, "/api/greeks", formType, Buffer.buffer(overlarge)),
        gw.request(HttpMethod.POST, "/api/greeks", Map.of("Content-Type", "application/json"), Buffer.buffer("{}")),
        gw.request(HttpMethod.POST, "/api/greeks", formType, Buffer.buffer("keys=bad"))))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          GatewayHarness.Response found = all.resultAt(0);
          GatewayHarness.Response tooLarge = all.resultAt(1);
          GatewayHarness.Response wrongType = all.resultAt(2);
          GatewayHarness.Response badKeys = all.resultAt(3);
          assertThat(found.status()).isEqualTo(200);
          assertThat(found.body().toJsonObject().fieldNames()).containsExactlyInAnyOrderElementsOf(keys);
          assertThat(tooLarge.status()).isEqualTo(413);
          assertThat(tooLarge.body().toJsonObject().getString("error")).contains(MAX_BODY_BYTES + " bytes");
          assertThat(wrongType.status()).isEqualTo(415);
          assertThat(wrongType.body().toJsonObject().getString("error")).contains("x-www-form-urlencoded");
          assertThat(badKeys.status()).isEqualTo(400);
          assertThat(badKeys.body().toJsonObject().getString("error")).contains("keys");
          ctx.completeNow();
        })));
  }

  @Test
  void unknownPathsGet404WithAReason(VertxTestContext ctx) {
    gw.get("/no/such/thing").onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.body().toJsonObject().getString("error")).contains("/no/such/thing");
      ctx.completeNow();
    })));
  }
}
