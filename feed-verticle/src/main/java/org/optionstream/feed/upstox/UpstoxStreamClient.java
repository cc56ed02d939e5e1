package org.optionstream.feed.upstox;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.optionstream.feed.plan.Mode;
import org.optionstream.feed.tick.ReceiptClock;

/**
 * One V3 market-data socket at a time: opens the authorized URI (wss verified; a ws:// URI is
 * followed as given), delivers binary frames with their receipt time, sends subscription requests,
 * and watches liveness with WebSocket pings: a socket without a pong for {@code pongTimeoutMs}
 * is declared dead and closed. Data silence alone is never a fault (a closed market sends none).
 * An upgrade answered with a redirect (Upstox answers some with 302/307 instead of 101) is followed,
 * at most {@value #MAX_REDIRECTS} hops, never from wss to ws; no header is sent on any hop (the URI
 * itself is the credential). Used on one event loop; never blocks.
 */
public final class UpstoxStreamClient {

  /** Socket events. */
  public interface Listener {
    /** A binary frame; {@code receivedAtMicros} is the wall clock, epoch µs, at receipt. */
    void onFrame(Buffer frame, long receivedAtMicros);

    /** The socket is gone (closed by the server, errored, or declared dead); not called after {@link #close}. */
    void onClosed(String reason);

    /** A pong answered one of the keep-alive pings. */
    default void onPong() {
    }
  }

  /** Redirects of the upgrade followed before the attempt fails. */
  public static final int MAX_REDIRECTS = 3;
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  private final Vertx vertx;
  private final WebSocketClient client;
  private final long pingIntervalMs;
  private final long pongTimeoutMs;
  private WebSocket socket;
  private Listener listener;
  private long pingTimer = -1;
  private long lastPongAtMs;
  private boolean closing;

  public UpstoxStreamClient(Vertx vertx, long pingIntervalMs, long pongTimeoutMs) {
    this.vertx = vertx;
    this.pingIntervalMs = pingIntervalMs;
    this.pongTimeoutMs = pongTimeoutMs;
    this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setConnectTimeout(10_000)
        .setVerifyHost(true)
        .setTrustAll(false)
        .setMaxFrameSize(4 * 1024 * 1024)
        .setMaxMessageSize(32 * 1024 * 1024)
        .setTryUsePerMessageCompression(false));
  }

  /** Opens {@code uri} (no auth header: the URI itself is the credential) and starts pinging. */
  public Future<Void> connect(String uri, Listener listener) {
    closeQuietly();
    URI target;
    try {
      target = URI.create(uri);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new IllegalArgumentException("authorize answered an unusable socket URI", e));
    }
    return open(target, 0).map(ws -> {
      this.socket = ws;
      this.listener = listener;
      this.closing = false;
      this.lastPongAtMs = System.currentTimeMillis();
      ws.binaryMessageHandler(frame -> listener.onFrame(frame, ReceiptClock.nowMicros()));
      ws.textMessageHandler(text -> listener.onFrame(Buffer.buffer(text), ReceiptClock.nowMicros()));
      ws.pongHandler(p -> {
        lastPongAtMs = System.currentTimeMillis();
        listener.onPong();
      });
      ws.exceptionHandler(e -> lost(ws, "socket error: " + e.getMessage()));
      ws.closeHandler(v -> lost(ws, "closed by server" + (ws.closeStatusCode() == null ? "" : " (code " + ws.closeStatusCode()
          + (ws.closeReason() == null || ws.closeReason().isBlank() ? "" : ", " + ws.closeReason()) + ")")));
      pingTimer = vertx.setPeriodic(pingIntervalMs, t -> ping(ws));
      return null;
    });
  }

  /** The upgrade of {@code uri}, following up to {@link #MAX_REDIRECTS} redirects after {@code hops}. */
  private Future<WebSocket> open(URI uri, int hops) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setAbsoluteURI(uri.toString()).setTimeout(10_000)
        .setFollowRedirects(false);
    return client.connect(options).recover(failure -> {
      if (!(failure instanceof UpgradeRejectedException rejected) || !REDIRECTS.contains(rejected.getStatus())
          || rejected.getHeaders() == null || rejected.getHeaders().get("Location") == null) {
        return Future.failedFuture(failure);
      }
      if (hops >= MAX_REDIRECTS) {
        return Future.failedFuture(new IllegalStateException("the socket's upgrade was redirected more than "
            + MAX_REDIRECTS + " times (last: HTTP " + rejected.getStatus() + ")"));
      }
      URI next;
      try {
        next = socketUri(uri.resolve(rejected.getHeaders().get("Location").trim()));
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(new IllegalStateException("the socket's upgrade was redirected to an unusable"
            + " location (HTTP " + rejected.getStatus() + ")"));
      }
      if ("wss".equals(uri.getScheme()) && "ws".equals(next.getScheme())) {
        return Future.failedFuture(new IllegalStateException("the socket's upgrade was redirected from wss to ws;"
            + " refused: the feed never drops TLS"));
      }
      return open(next, hops + 1);
    });
  }

  /** A redirect target as a socket URI: http(s) becomes ws(s); anything but ws/wss is refused. */
  private static URI socketUri(URI target) {
    String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
    String socketScheme = switch (scheme) {
      case "ws", "http" -> "ws";
      case "wss", "https" -> "wss";
      default -> throw new IllegalArgumentException("not a socket scheme: " + scheme);
    };
    return URI.create(socketScheme + target.toString().substring(scheme.length()));
  }

  /** Sends one {@code sub}/{@code change_mode}/{@code unsub} request (see {@link SubscriptionRequest}). */
  public Future<Void> send(Buffer request) {
    WebSocket ws = socket;
    if (ws == null || ws.isClosed()) {
      return Future.failedFuture("socket not open");
    }
    return ws.writeBinaryMessage(request);
  }

  public Future<Void> subscribe(Mode mode, List<String> keys) {
    return keys.isEmpty() ? Future.succeededFuture() : send(SubscriptionRequest.subscribe(mode, keys));
  }

  /**
   * Graceful stop: unsubscribes {@code keys}, then closes with 1000 (normal closure). The listener
   * is not told.
   */
  public Future<Void> close(List<String> keys) {
    WebSocket ws = socket;
    cancelPing();
    closing = true;
    socket = null;
    if (ws == null || ws.isClosed()) {
      return Future.succeededFuture();
    }
    Future<Void> unsub = keys.isEmpty() ? Future.succeededFuture() : ws.writeBinaryMessage(SubscriptionRequest.unsubscribe(keys));
    return unsub.transform(x -> ws.close((short) 1000, "client stopping"))
        .transform(x -> Future.succeededFuture());
  }

  public Future<Void> shutdown() {
    return close(List.of()).transform(x -> client.close());
  }

  private void ping(WebSocket ws) {
    if (ws != socket || ws.isClosed()) {
      return;
    }
    long silentMs = System.currentTimeMillis() - lastPongAtMs;
    if (silentMs > pongTimeoutMs) {
      lost(ws, "no pong for " + silentMs + " ms (socket dead)");
      ws.close((short) 1011, "keepalive ping timeout");
      return;
    }
    ws.writePing(Buffer.buffer("k"));
  }

  private void lost(WebSocket ws, String reason) {
    if (ws != socket || closing) {
      return;
    }
    cancelPing();
    socket = null;
    Listener l = listener;
    if (l != null) {
      l.onClosed(reason);
    }
  }

  private void closeQuietly() {
    WebSocket ws = socket;
    cancelPing();
    socket = null;
    if (ws != null && !ws.isClosed()) {
      ws.close((short) 1000, "reconnecting");
    }
  }

  private void cancelPing() {
    if (pingTimer >= 0) {
      vertx.cancelTimer(pingTimer);
      pingTimer = -1;
    }
  }
}
