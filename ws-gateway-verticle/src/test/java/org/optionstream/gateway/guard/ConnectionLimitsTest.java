package org.optionstream.gateway.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optionstream.gateway.support.GatewayHarness;
import org.optionstream.gateway.support.RawHttp;
import org.optionstream.gateway.support.RawWebSocket;
import org.optionstream.gateway.support.Within;

/**
 * Connections are reclaimed and capped: beyond the caps (total and per remote address) a connection gets
 * only {@code /health/*} answered and 503 with a reason otherwise, and the counts fall as connections
 * close; an idle connection is closed after the idle timeout; one that sends no request head within the
 * handshake timeout is reset; a WebSocket that answers no ping is reset while one that answers stays.
 * Connections come from distinct loopback addresses (127.0.0.x) to tell the caps apart; the harness's own
 * requests come from 127.0.0.1.
 */
@ExtendWith(VertxExtension.class)
class ConnectionLimitsTest {

  private static final long STEP_TIMEOUT_MS = 10_000;
  private static final long IDLE_TIMEOUT_MS = 3_000;

  @Test
  void overTheCapsOnlyHealthIsAnsweredAndClosedConnectionsFreeTheirPlace(Vertx vertx, VertxTestContext ctx) {
    List<NetSocket> holders = new ArrayList<>();
    GatewayHarness[] gw = new GatewayHarness[1];
    GatewayHarness.start(vertx, Map.of("GATEWAY_MAX_CONNECTIONS", "7", "GATEWAY_MAX_CONNECTIONS_PER_ADDRESS", "3",
        "GATEWAY_HANDSHAKE_TIMEOUT_SECONDS", "60")).compose(h -> {
          gw[0] = h;
          return awaitConnections(h, 0);
        }).compose(v -> hold(vertx, gw[0].port(), "127.0.0.11", 3, holders))
        .compose(v -> hold(vertx, gw[0].port(), "127.0.0.12", 2, holders))
        .compose(v -> get(vertx, gw[0], "/api/status", "127.0.0.11"))
        .compose(refused -> {
          ctx.verify(() -> {
            assertThat(refused.status()).as("fourth connection from one address").isEqualTo(503);
            assertThat(new JsonObject(refused.body()).getString("error"))
                .contains("127.0.0.11 has 4 connections open").contains("GATEWAY_MAX_CONNECTIONS_PER_ADDRESS (3)");
          });
          return get(vertx, gw[0], "/health/live", "127.0.0.11");
        })
        .compose(health -> {
          ctx.verify(() -> assertThat(health.status()).as("health over the per-address cap").isEqualTo(200));
          return get(vertx, gw[0], "/api/status", "127.0.0.13");
        })
        .compose(third -> {
          ctx.verify(() -> assertThat(third.status()).as("from a third address, under the total").isEqualTo(200));
          return hold(vertx, gw[0].port(), "127.0.0.13", 2, holders);
        })
        .compose(v -> get(vertx, gw[0], "/api/greeks", "127.0.0.14"))
        .compose(refused -> {
          ctx.verify(() -> {
            assertThat(refused.status()).as("one over the total").isEqualTo(503);
            assertThat(new JsonObject(refused.body()).getString("error")).contains("GATEWAY_MAX_CONNECTIONS (7)");
          });
          return get(vertx, gw[0], "/health/ready", "127.0.0.14");
        })
        .compose(health -> {
          ctx.verify(() -> assertThat(health.status()).as("health over the total cap").isEqualTo(200));
          holders.forEach(NetSocket::close);
          return awaitConnections(gw[0], 0);
        })
        .compose(v -> get(vertx, gw[0], "/api/status", "127.0.0.11"))
        .onComplete(ctx.succeeding(again -> ctx.verify(() -> {
          assertThat(again.status()).as("after the others closed").isEqualTo(200);
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 1, timeUnit = TimeUnit.MINUTES)
  void idleConnectionsAreClosedAndSilentOnesReset(Vertx vertx, VertxTestContext ctx) {
    GatewayHarness.start(vertx, Map.of("GATEWAY_IDLE_TIMEOUT_SECONDS", "2", "GATEWAY_WS_PING_INTERVAL_SECONDS", "1",
        "GATEWAY_HANDSHAKE_TIMEOUT_SECONDS", "1")).compose(gw -> {
          Buffer keepAlive = Buffer.buffer("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n");
          Buffer unfinished = Buffer.buffer("GET /health/live HTTP/1.1\r\nHost: x\r\n");
          return Future.all(
              RawHttp.readUntil(vertx, gw.port(), keepAlive, STEP_TIMEOUT_MS, null, b -> false, true),
              RawHttp.readUntil(vertx, gw.port(), Buffer.buffer(), STEP_TIMEOUT_MS, null, b -> false, true),
              RawHttp.readUntil(vertx, gw.port(), unfinished, STEP_TIMEOUT_MS, null, b -> false, true));
        }).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          Buffer idle = all.resultAt(0);
          assertThat(RawHttp.parse(idle).status()).as("answered, then closed when idle").isEqualTo(200);
          assertThat(((Buffer) all.resultAt(1)).length()).as("a connection that sends nothing").isZero();
          assertThat(((Buffer) all.resultAt(2)).length()).as("a request head that never ends").isZero();
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 1, timeUnit = TimeUnit.MINUTES)
  void aWebSocketThatAnswersNoPingIsResetAndOneThatAnswersStays(Vertx vertx, VertxTestContext ctx) {
    Promise<Void> politeClosed = Promise.promise();
    GatewayHarness[] gw = new GatewayHarness[1];
    WebSocket[] polite = new WebSocket[1];
    GatewayHarness.start(vertx, Map.of("GATEWAY_IDLE_TIMEOUT_SECONDS", String.valueOf(IDLE_TIMEOUT_MS / 1000),
        "GATEWAY_WS_PING_INTERVAL_SECONDS", "1"))
        .compose(h -> {
          gw[0] = h;
          return h.webSocket("/ws/status", text -> { });
        }).compose(ws -> {
          polite[0] = ws;
          ws.closeHandler(v -> politeClosed.tryComplete());
          return RawWebSocket.connect(vertx, gw[0].port(), "/ws/status", Map.of(), STEP_TIMEOUT_MS);
        }).compose(silent -> Within.bound(vertx, silent.ended(), STEP_TIMEOUT_MS,
            "a WebSocket that answers no ping still open").compose(v -> silent.closeCode())).compose(code -> {
          ctx.verify(() -> assertThat(code).as("reset, no close frame").isEqualTo(-1));
          // the one that answers is still open after twice the idle timeout
          return vertx.timer(2 * IDLE_TIMEOUT_MS);
        }).compose(t -> {
          ctx.verify(() -> assertThat(politeClosed.future().isComplete()).as("the client that answers pings was closed")
              .isFalse());
          polite[0].close();
          return politeClosed.future();
        }).onComplete(ctx.succeedingThenComplete());
  }

  /** Opens {@code count} idle connections from {@code localAddress}, kept in {@code holders}. */
  private static Future<Void> hold(Vertx vertx, int port, String localAddress, int count, List<NetSocket> holders) {
    NetClient client = vertx.createNetClient(new NetClientOptions().setLocalAddress(localAddress));
    List<Future<NetSocket>> opened = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      opened.add(client.connect(port, "127.0.0.1").onSuccess(holders::add));
    }
    return Future.all(opened).mapEmpty();
  }

  private static Future<RawHttp.Answer> get(Vertx vertx, GatewayHarness gw, String path, String localAddress) {
    return RawHttp.exchange(vertx, gw.port(), Buffer.buffer("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close"
        + "\r\n\r\n"), STEP_TIMEOUT_MS, localAddress);
  }

  /** Waits until the gateway counts {@code others} open connections besides the asking one. */
  private static Future<Void> awaitConnections(GatewayHarness gw, int others) {
    long deadline = System.currentTimeMillis() + STEP_TIMEOUT_MS;
    return pollConnections(gw, others + 1, deadline);
  }

  private static Future<Void> pollConnections(GatewayHarness gw, int expected, long deadlineMs) {
    return gw.status().compose(status -> {
      // an answer without the gateway's figures (an error, while a closed connection is still counted) is asked again
      JsonObject gateway = status.getJsonObject("gateway");
      Integer open = gateway == null ? null : gateway.getInteger("connections");
      if (open != null && open == expected) {
        return Future.succeededFuture();
      }
      if (System.currentTimeMillis() > deadlineMs) {
        return Future.failedFuture("the gateway counts " + open + " open connections, expected " + expected
            + "; its last status: " + status.encode());
      }
      return gw.vertx.timer(20).compose(t -> pollConnections(gw, expected, deadlineMs));
    });
  }
}
