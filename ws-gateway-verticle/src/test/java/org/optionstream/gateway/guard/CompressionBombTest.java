package org.optionstream.gateway.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optionstream.gateway.GatewayVerticle;
import org.optionstream.gateway.support.GatewayHarness;
import org.optionstream.gateway.support.RawWebSocket;
import org.optionstream.gateway.support.Within;

/**
 * Clients that negotiate permessage-deflate and send frames of about 47 KB that inflate to 48 MB each:
 * every one is closed with 1009 (message too big), {@code /health/live} answers within a second all the
 * while and after, and an ordinary client still gets its updates. Before, three such frames made
 * {@code /health/live} take 23 s.
 */
@ExtendWith(VertxExtension.class)
class CompressionBombTest {

  private static final int INFLATED_BYTES = 48 * 1024 * 1024;
  private static final int ATTACKERS = 5;
  private static final int FRAMES_EACH = 4;
  private static final long LIVE_TIMEOUT_MS = 1_000;
  private static final long STEP_TIMEOUT_MS = 10_000;

  @Test
  @Timeout(value = 2, timeUnit = TimeUnit.MINUTES)
  void framesThatInflateBeyondTheLimitAreRefusedWithoutStallingTheGateway(Vertx vertx, VertxTestContext ctx) {
    byte[] bomb = deflatedZeros(INFLATED_BYTES);
    assertThat(bomb.length).isLessThan(GatewayVerticle.WEBSOCKET_MAX_FRAME_BYTES);
    HttpClient probeClient = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
    AtomicInteger probes = new AtomicInteger();
    Promise<Void> attackOver = Promise.promise();
    GatewayHarness[] gw = new GatewayHarness[1];
    GatewayHarness.start(vertx, Map.of()).compose(h -> {
      gw[0] = h;
      Future<Void> probing = probeUntil(probeClient, h.port(), attackOver.future(), probes);
      List<Future<Integer>> closes = new ArrayList<>();
      for (int i = 0; i < ATTACKERS; i++) {
        closes.add(attack(vertx, h.port(), bomb));
      }
      Future<List<Integer>> codes = Future.all(closes).map(all -> {
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < ATTACKERS; i++) {
          list.add(all.resultAt(i));
        }
        return list;
      }).onComplete(done -> attackOver.tryComplete());
      return Future.all(codes, probing).map(both -> codes.result());
    }).compose(codes -> {
      ctx.verify(() -> {
        assertThat(codes).as("close codes of the attackers").containsOnly(1009);
        assertThat(probes.get()).as("/health/live probes answered during the attack").isPositive();
      });
      // afterwards: the gateway answers and streams as before
      return probe(probeClient, gw[0].port()).compose(v -> firstGreeksFrame(gw[0]));
    }).onComplete(ctx.succeedingThenComplete());
  }

  /** Connects with permessage-deflate and sends the bomb frames; the server's close code. */
  private static Future<Integer> attack(Vertx vertx, int port, byte[] bomb) {
    return RawWebSocket.connect(vertx, port, "/ws/greeks", Map.of("Sec-WebSocket-Extensions", "permessage-deflate"),
        STEP_TIMEOUT_MS).compose(ws -> {
          if (!ws.handshakeAnswer().toLowerCase().contains("permessage-deflate")) {
            return Future.failedFuture("the gateway did not negotiate permessage-deflate: " + ws.handshakeAnswer());
          }
          for (int i = 0; i < FRAMES_EACH; i++) {
            ws.send(RawWebSocket.OPCODE_TEXT, true, bomb);
          }
          return Within.bound(vertx, ws.closeCode(), STEP_TIMEOUT_MS, "no close frame after the bomb frames")
              .compose(code -> Within.bound(vertx, ws.ended(), STEP_TIMEOUT_MS, "connection still open after the close")
                  .map(code));
        });
  }

  /** Asks /health/live again and again, each within one second, until {@code over}. */
  private static Future<Void> probeUntil(HttpClient client, int port, Future<Void> over, AtomicInteger answered) {
    if (over.isComplete()) {
      return Future.succeededFuture();
    }
    return probe(client, port).compose(v -> {
      answered.incrementAndGet();
      return probeUntil(client, port, over, answered);
    });
  }

  private static Future<Void> probe(HttpClient client, int port) {
    return client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
            .setURI("/health/live").setTimeout(LIVE_TIMEOUT_MS))
        .compose(req -> req.send())
        .compose(resp -> resp.statusCode() == 200 ? resp.body().<Void>mapEmpty()
            : Future.<Void>failedFuture("/health/live answered " + resp.statusCode()))
        .recover(err -> Future.failedFuture(new AssertionError("/health/live did not answer within "
            + LIVE_TIMEOUT_MS + " ms: " + err.getMessage(), err)));
  }

  private static Future<Void> firstGreeksFrame(GatewayHarness gw) {
    Promise<Void> got = Promise.promise();
    gw.webSocket("/ws/greeks", text -> {
      if (text.contains("greeks_update")) {
        got.tryComplete();
      }
    }).onFailure(got::tryFail);
    return Within.bound(gw.vertx, got.future(), STEP_TIMEOUT_MS, "no greeks_update after the attack");
  }

  /** {@code size} zero bytes, raw-deflated as permessage-deflate sends them (the final 00 00 ff ff left off). */
  private static byte[] deflatedZeros(int size) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    byte[] zeros = new byte[1024 * 1024];
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] chunk = new byte[64 * 1024];
    for (int fed = 0; fed < size; fed += zeros.length) {
      deflater.setInput(zeros);
      while (!deflater.needsInput()) {
        out.write(chunk, 0, deflater.deflate(chunk, 0, chunk.length, Deflater.NO_FLUSH));
      }
    }
    int n;
    while ((n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH)) > 0) {
      out.write(chunk, 0, n);
      if (n < chunk.length) {
        break;
      }
    }
    deflater.end();
    byte[] all = out.toByteArray();
    return Arrays.copyOf(all, all.length - 4);
  }
}
