package org.optionstream.bench.fanout;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The client side of {@code bench/fanout.sh}: N plain WebSocket clients ({@code /ws/greeks?symbol=&expiry=})
 * and M SockJS bridge clients (SockJS WebSocket transport with its framing, registering
 * {@code greeks.update} with the same filter as headers), each following one chain, spread over the
 * server's chains. Measures delivered updates per second and staleness (receive wall clock minus the
 * update's publish wall clock {@code feedReceivedAtMicros}) over the measurement window, and samples the
 * gateway's heap from {@code /api/status}.
 *
 * <p>Arguments: {@code port wsClients sockJsClients chains warmupSeconds measureSeconds}.
 */
public final class FanoutClients {

  private static final byte[] WS_FIELD = "\"feedReceivedAtMicros\":".getBytes(StandardCharsets.US_ASCII);
  /** Inside a SockJS frame the bridge's JSON is a JSON string, so its quotes are escaped. */
  private static final byte[] SOCKJS_FIELD = "feedReceivedAtMicros\\\":".getBytes(StandardCharsets.US_ASCII);

  private static final Recorder STALENESS = new Recorder(3);
  private static final LongAdder DELIVERED = new LongAdder();
  private static final LongAdder DELIVERED_WS = new LongAdder();
  private static final LongAdder DELIVERED_SOCKJS = new LongAdder();
  private static final AtomicInteger CLOSED = new AtomicInteger();
  private static volatile boolean measuring;

  private FanoutClients() {
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int wsClients = Integer.parseInt(args[1]);
    int sockJsClients = Integer.parseInt(args[2]);
    int chains = Integer.parseInt(args[3]);
    int warmupSeconds = Integer.parseInt(args[4]);
    int measureSeconds = Integer.parseInt(args[5]);

    Vertx vertx = Vertx.vertx();
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxConnections(wsClients + sockJsClients + 10).setConnectTimeout(30_000));
    HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));

    long connectStart = System.nanoTime();
    List<Future<WebSocket>> connecting = new ArrayList<>();
    for (int i = 0; i < wsClients + sockJsClients; i++) {
      boolean sockJs = i >= wsClients;
      int chain = i % chains;
      connecting.add(sockJs ? sockJs(vertx, client, port, chain) : plain(client, port, chain));
      if (connecting.size() % 100 == 0) {
        Future.all(new ArrayList<>(connecting)).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      }
    }
    Future.all(connecting).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    System.out.printf("connected %d WebSocket + %d SockJS clients in %d ms%n", wsClients, sockJsClients,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - connectStart));

    AtomicLong maxHeap = new AtomicLong();
    AtomicLong lastHeap = new AtomicLong();
    vertx.setPeriodic(1000, t -> http.request(HttpMethod.GET, "/api/status").compose(r -> r.send())
        .compose(r -> r.body()).onSuccess(body -> {
          long heap = new JsonObject(body).getJsonObject("gateway").getLong("heapUsedBytes");
          lastHeap.set(heap);
          if (measuring) {
            maxHeap.accumulateAndGet(heap, Math::max);
          }
        }));

    Thread.sleep(TimeUnit.SECONDS.toMillis(warmupSeconds));
    STALENESS.getIntervalHistogram();
    DELIVERED.reset();
    DELIVERED_WS.reset();
    DELIVERED_SOCKJS.reset();
    measuring = true;
    long start = System.nanoTime();
    Thread.sleep(TimeUnit.SECONDS.toMillis(measureSeconds));
    measuring = false;
    double seconds = (System.nanoTime() - start) / 1e9;
    Histogram h = STALENESS.getIntervalHistogram();
    double perSecond = DELIVERED.sum() / seconds;
    System.out.printf("fanout: clients=%d ws + %d sockjs, delivered=%.0f updates/s (ws %.0f/s, sockjs %.0f/s, "
            + "%.1f/s per client), staleness p50=%.1f ms p99=%.1f ms p99.9=%.1f ms max=%.1f ms, "
            + "gateway heap max=%d MB last=%d MB, clients closed=%d%n",
        wsClients, sockJsClients, perSecond, DELIVERED_WS.sum() / seconds, DELIVERED_SOCKJS.sum() / seconds,
        perSecond / Math.max(1, wsClients + sockJsClients),
        h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
        h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0,
        maxHeap.get() >> 20, lastHeap.get() >> 20, CLOSED.get());
    // exit without closing the clients one by one: their pings and the status poll would only log noise
    System.exit(0);
  }

  private static Future<WebSocket> plain(WebSocketClient client, int port, int chain) {
    String uri = "/ws/greeks?symbol=" + FanoutServer.symbol(chain) + "&expiry=" + FanoutServer.EXPIRY;
    var ws = client.webSocket();
    ws.handler(frame -> record(frame, WS_FIELD, DELIVERED_WS));
    ws.closeHandler(v -> CLOSED.incrementAndGet());
    return ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri));
  }

  /** SockJS over its WebSocket transport: "o" open, "h" heartbeat, "a[...]" messages, "c[...]" close. */
  private static Future<WebSocket> sockJs(Vertx vertx, WebSocketClient client, int port, int chain) {
    String session = UUID.randomUUID().toString().substring(0, 8);
    String uri = "/eventbus/" + (100 + chain % 900) + "/" + session + "/websocket";
    String register = new JsonObject().put("type", "register").put("address", "greeks.update")
        .put("headers", new JsonObject().put("symbol", FanoutServer.symbol(chain)).put("expiry", FanoutServer.EXPIRY))
        .encode();
    String ping = new JsonObject().put("type", "ping").encode();
    Promise<WebSocket> opened = Promise.promise();
    var ws = client.webSocket();
    ws.handler(frame -> {
      byte kind = frame.getByte(0);
      if (kind == 'a') {
        record(frame, SOCKJS_FIELD, DELIVERED_SOCKJS);
      } else if (kind == 'o') {
        ws.writeTextMessage(sockJsFrame(register));
        opened.tryComplete(ws);
      }
    });
    ws.closeHandler(v -> CLOSED.incrementAndGet());
    ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri))
        .onSuccess(s -> s.exceptionHandler(e -> { }))
        .onFailure(opened::tryFail);
    return opened.future().map(s -> {
      // the bridge closes sockets that send no ping for 10 s
      vertx.setPeriodic(5000, t -> s.writeTextMessage(sockJsFrame(ping)));
      return s;
    });
  }

  private static String sockJsFrame(String json) {
    return "[" + new io.vertx.core.json.JsonArray().add(json).encode().substring(1);
  }

  /** Records every {@code field} occurrence in {@code frame}: one delivered update each. */
  private static void record(Buffer frame, byte[] field, LongAdder transport) {
    if (!measuring) {
      return;
    }
    Instant now = Instant.now();
    long nowMicros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    byte[] bytes = frame.getBytes();
    int from = 0;
    int at;
    while ((at = indexOf(bytes, field, from)) >= 0) {
      int i = at + field.length;
      long value = 0;
      while (i < bytes.length && bytes[i] >= '0' && bytes[i] <= '9') {
        value = value * 10 + (bytes[i] - '0');
        i++;
      }
      STALENESS.recordValue(Math.max(0, nowMicros - value));
      DELIVERED.increment();
      transport.increment();
      from = i;
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
