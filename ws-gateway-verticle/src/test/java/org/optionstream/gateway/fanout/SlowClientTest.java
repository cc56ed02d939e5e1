package org.optionstream.gateway.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.optionstream.gateway.support.FakeMarket;
import org.optionstream.gateway.support.GatewayHarness;
import org.optionstream.gateway.support.SocketTable;
import org.optionstream.gateway.support.Within;

/**
 * A client that stops reading while more than 10,000 updates per second flow: the gateway's memory
 * stays bounded (at most one backlog entry per instrument, bounded bytes in flight) and the client
 * either gets the latest value of every instrument when it reads again, or is dropped, connection and
 * all, when it stays behind too long.
 */
@ExtendWith(VertxExtension.class)
class SlowClientTest {

  private static final int MAX_INFLIGHT_BYTES = 64 * 1024;
  /** Updates published per flood tick, every {@link #FLOOD_TICK_MS}: 20,000 updates/s nominal. */
  private static final int PER_TICK = 100;
  private static final long FLOOD_TICK_MS = 5;
  private static final long FLOOD_UPDATES = 60_000;
  /** Heap growth allowed while the client does not read (queueing every frame would need >60 MB). */
  private static final long HEAP_GROWTH_LIMIT_BYTES = 24L * 1024 * 1024;

  /** Publishes {@code PER_TICK} updates every tick from its own event loop until {@code limit} or stopped. */
  private static final class Flood extends VerticleBase {
    private final FakeMarket market;
    private final long limit;
    private final Promise<Void> done = Promise.promise();
    final AtomicLong published = new AtomicLong();
    private volatile boolean stop;

    Flood(FakeMarket market, long limit) {
      this.market = market;
      this.limit = limit;
    }

    @Override
    public Future<?> start() {
      vertx.setPeriodic(FLOOD_TICK_MS, id -> {
        if (stop || published.get() >= limit) {
          vertx.cancelTimer(id);
          done.tryComplete();
          return;
        }
        market.step(PER_TICK);
        published.addAndGet(PER_TICK);
      });
      return Future.succeededFuture();
    }
  }

  /** A client whose socket buffers little, so that not reading pushes back on the gateway quickly. */
  private static io.vertx.core.http.WebSocketClient smallBufferClient(Vertx vertx) {
    return vertx.createWebSocketClient(new io.vertx.core.http.WebSocketClientOptions().setReceiveBufferSize(4096));
  }

  private static long usedHeapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/ws/greeks", "/eventbus/websocket"})
  void pausedClientGetsTheLatestValuesWhenItResumesAndMemoryStaysBounded(String path, Vertx vertx,
      VertxTestContext ctx) {
    boolean bridge = path.startsWith("/eventbus");
    Map<String, Long> seen = new HashMap<>();
    AtomicLong received = new AtomicLong();
    Map<String, Long> finals = new HashMap<>();
    long[] heapBefore = new long[1];
    GatewayHarness[] gw = new GatewayHarness[1];
    WebSocket[] socket = new WebSocket[1];
    Promise<Void> allLatest = Promise.promise();

    GatewayHarness.start(vertx, Map.of("GATEWAY_CLIENT_MAX_INFLIGHT_BYTES", String.valueOf(MAX_INFLIGHT_BYTES),
        "GATEWAY_SLOW_CLIENT_CLOSE_MS", "600000")).compose(h -> {
          gw[0] = h;
          return h.webSocket(smallBufferClient(vertx), path, text -> {
            JsonObject msg = new JsonObject(text);
            JsonObject data = bridge ? msg.getJsonObject("body") : msg.getJsonObject("data");
            boolean greeks = bridge ? "greeks.update".equals(msg.getString("address"))
                : "greeks_update".equals(msg.getString("type"));
            if (!greeks || data == null) {
              return;
            }
            received.incrementAndGet();
            seen.merge(data.getString("instrumentKey"), data.getLong("sequence"), Math::max);
            if (!finals.isEmpty() && finals.entrySet().stream()
                .allMatch(e -> seen.getOrDefault(e.getKey(), -1L) >= e.getValue())) {
              allLatest.tryComplete();
            }
          });
        }).compose(ws -> {
          socket[0] = ws;
          if (bridge) {
            ws.writeTextMessage(new JsonObject().put("type", "register").put("address", "greeks.update").encode());
          }
          // wait for the replayed state, then stop reading
          return poll(vertx, () -> received.get() >= gw[0].market.keys().size(), 10_000);
        }).compose(v -> {
          socket[0].pause();
          heapBefore[0] = usedHeapAfterGc();
          Flood flood = new Flood(gw[0].market, FLOOD_UPDATES);
          return vertx.deployVerticle(flood).compose(id -> flood.done.future()).map(flood);
        }).compose(flood -> gw[0].status().map(status -> {
          long heapGrowth = usedHeapAfterGc() - heapBefore[0];
          JsonObject flow = status.getJsonObject("gateway").getJsonObject("flow");
          ctx.verify(() -> {
            assertThat(flood.published.get()).isGreaterThanOrEqualTo(FLOOD_UPDATES);
            // conflation: one backlog entry per instrument at most, bounded bytes in flight
            assertThat(flow.getInteger("maxBacklog")).isBetween(1, gw[0].market.keys().size() + 2);
            assertThat(flow.getLong("maxInflightBytes")).isLessThanOrEqualTo(MAX_INFLIGHT_BYTES + 4096L);
            assertThat(heapGrowth).isLessThan(HEAP_GROWTH_LIMIT_BYTES);
          });
          return flood;
        })).compose(flood -> {
          // one last value per instrument, then read again: every instrument's latest must arrive
          Promise<Void> published = Promise.promise();
          gw[0].vertx.runOnContext(x -> {
            for (String key : gw[0].market.keys()) {
              finals.put(key, -1L);
            }
            for (int i = 0; i < gw[0].market.strikeCount(); i++) {
              finals.put(FakeMarket.key(i, "CE"), gw[0].market.publish(i, "CE").getLong("sequence"));
              finals.put(FakeMarket.key(i, "PE"), gw[0].market.publish(i, "PE").getLong("sequence"));
            }
            published.complete();
          });
          return published.future().map(flood);
        }).compose(flood -> {
          socket[0].resume();
          return allLatest.future().map(flood);
        }).onComplete(ctx.succeeding(flood -> ctx.verify(() -> {
          assertThat(received.get()).as("frames received of %d published", flood.published.get())
              .isLessThan(flood.published.get());
          ctx.completeNow();
        })));
  }

  /**
   * A client that stays behind is dropped, and so is its TCP connection: reset, gone from the operating
   * system's socket table within a second (a graceful close would leave it open behind the bytes the
   * client never reads, for as long as it does not read).
   */
  @ParameterizedTest
  @ValueSource(strings = {"/ws/greeks", "/eventbus/websocket"})
  void clientThatStaysBehindIsDroppedWithItsConnection(String path, Vertx vertx, VertxTestContext ctx) {
    boolean bridge = path.startsWith("/eventbus");
    String transport = bridge ? "sockjs" : "websocket";
    AtomicLong received = new AtomicLong();
    GatewayHarness[] gw = new GatewayHarness[1];
    WebSocket[] socket = new WebSocket[1];
    int[] clientPort = new int[1];
    Promise<Void> clientSawTheEnd = Promise.promise();
    GatewayHarness.start(vertx, Map.of("GATEWAY_CLIENT_MAX_INFLIGHT_BYTES", String.valueOf(MAX_INFLIGHT_BYTES),
        "GATEWAY_SLOW_CLIENT_CLOSE_MS", "1000")).compose(h -> {
          gw[0] = h;
          return h.webSocket(smallBufferClient(vertx), path, text -> received.incrementAndGet());
        }).compose(ws -> {
          socket[0] = ws;
          ws.closeHandler(v -> clientSawTheEnd.tryComplete());
          clientPort[0] = ws.localAddress().port();
          if (bridge) {
            ws.writeTextMessage(new JsonObject().put("type", "register").put("address", "greeks.update").encode());
          }
          return poll(vertx, () -> received.get() >= gw[0].market.keys().size(), 10_000);
        }).compose(v -> {
          socket[0].pause();
          Flood flood = new Flood(gw[0].market, Long.MAX_VALUE);
          return vertx.deployVerticle(flood).map(flood);
        }).compose(flood -> pollStatus(vertx, gw[0], s -> s.getJsonObject("clients").getInteger(transport) == 0, 30_000)
            .onComplete(x -> flood.stop = true))
        .compose(v -> poll(vertx, () -> SocketTable.states(gw[0].port(), clientPort[0]).isEmpty(), 1_000)
            .recover(err -> Future.failedFuture("the dropped client's connection is still in the socket table a second"
                + " later, states " + SocketTable.states(gw[0].port(), clientPort[0]))))
        .compose(v -> {
          socket[0].resume();
          return Within.bound(vertx, clientSawTheEnd.future(), 10_000, "the client never saw its connection end");
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  private static Future<Void> poll(Vertx vertx, java.util.function.BooleanSupplier condition, long timeoutMs) {
    long deadline = System.currentTimeMillis() + timeoutMs;
    Promise<Void> done = Promise.promise();
    long[] timer = new long[1];
    timer[0] = vertx.setPeriodic(10, id -> {
      if (condition.getAsBoolean()) {
        vertx.cancelTimer(id);
        done.tryComplete();
      } else if (System.currentTimeMillis() > deadline) {
        vertx.cancelTimer(id);
        done.tryFail("condition not met within " + timeoutMs + " ms");
      }
    });
    return done.future();
  }

  private static Future<Void> pollStatus(Vertx vertx, GatewayHarness gw, Predicate<JsonObject> condition, long timeoutMs) {
    long deadline = System.currentTimeMillis() + timeoutMs;
    return gw.status().compose(s -> {
      if (condition.test(s.getJsonObject("gateway"))) {
        return Future.succeededFuture();
      }
      if (System.currentTimeMillis() > deadline) {
        return Future.failedFuture("gateway status never matched: " + s.getJsonObject("gateway"));
      }
      return vertx.timer(50).compose(t -> pollStatus(vertx, gw, condition, deadline - System.currentTimeMillis()));
    });
  }
}
