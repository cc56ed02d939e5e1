package org.optionstream.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optionstream.gateway.cache.Frame;

/**
 * A socket upgraded through the router (as the gateway's are) gets frames written into its pipeline
 * and sent by one flush: all of them arrive, in order, byte for byte, and every write completes;
 * frames written from another thread still arrive (they flush themselves).
 */
@ExtendWith(VertxExtension.class)
class WebSocketSinkTest {

  private static final int FRAMES = 200;

  private static Frame frame(int i) {
    return Frame.greeks(new JsonObject().put("instrumentKey", "NSE_FO|" + i).put("symbol", "NIFTY")
        .put("expiry", "2025-11-27").put("sequence", i).put("exchangeTimeMs", 1_000L + i));
  }

  private Future<HttpServer> serve(Vertx vertx, Consumer<WebSocketSink> onSocket) {
    Router router = Router.router(vertx);
    router.route("/ws").handler(ctx -> ctx.request().toWebSocket()
        .onSuccess(ws -> onSocket.accept(new WebSocketSink(ws, ctx.request().connection()))));
    return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1");
  }

  private void expectInOrder(Vertx vertx, int port, VertxTestContext ctx, Checkpoint allArrived) {
    List<String> received = new ArrayList<>();
    WebSocketClient client = vertx.createWebSocketClient();
    client.connect(port, "127.0.0.1", "/ws").onComplete(ctx.succeeding(socket -> socket.textMessageHandler(text -> {
      received.add(text);
      if (received.size() == FRAMES) {
        ctx.verify(() -> {
          for (int i = 0; i < FRAMES; i++) {
            assertThat(received.get(i)).isEqualTo(new String(frame(i).message(), StandardCharsets.UTF_8));
          }
        });
        allArrived.flag();
      }
    })));
  }

  @Test
  void framesOfOnePassGoOutWithOneFlushInOrder(Vertx vertx, VertxTestContext ctx) {
    AtomicInteger completed = new AtomicInteger();
    Checkpoint checkpoint = ctx.checkpoint(2);
    serve(vertx, sink -> {
      // the first frame goes through Vert.x (after the upgrade's response); the rest of the pass directly
      sink.write(frame(0)).onComplete(ctx.succeeding(first -> {
        List<Future<Void>> writes = new ArrayList<>();
        for (int i = 1; i < FRAMES; i++) {
          writes.add(sink.write(frame(i)).onSuccess(v -> completed.incrementAndGet()));
        }
        ctx.verify(() -> assertThat(completed.get()).as("nothing is taken before the flush").isZero());
        sink.flush();
        Future.all(writes).onComplete(ctx.succeeding(all -> {
          ctx.verify(() -> assertThat(completed.get()).isEqualTo(FRAMES - 1));
          checkpoint.flag();
        }));
      }));
    }).onComplete(ctx.succeeding(server -> expectInOrder(vertx, server.actualPort(), ctx, checkpoint)));
  }

  @Test
  void framesWrittenFromAnotherThreadFlushThemselves(Vertx vertx, VertxTestContext ctx) {
    serve(vertx, sink -> new Thread(() -> {
      for (int i = 0; i < FRAMES; i++) {
        sink.write(frame(i));
      }
    }, "not-the-event-loop").start())
        .onComplete(ctx.succeeding(server -> expectInOrder(vertx, server.actualPort(), ctx, ctx.checkpoint())));
  }
}
