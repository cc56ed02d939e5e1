package org.optionstream.gateway.support;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.optionstream.common.codec.Codecs;
import org.optionstream.common.config.Env;
import org.optionstream.common.launch.ProcessServices;
import org.optionstream.gateway.GatewayConfig;
import org.optionstream.gateway.GatewayVerticle;

/**
 * A gateway on 127.0.0.1, any free port, in front of a {@link FakeMarket}, plus small HTTP and WebSocket
 * helpers for tests. Every HTTP request goes on a connection of its own (no keep-alive: a pooled connection
 * the gateway has just closed is never reused) with its own timeout.
 */
public final class GatewayHarness {

  public final Vertx vertx;
  public final ProcessServices services;
  public final FakeMarket market;
  public final HttpClient http;
  public final WebSocketClient ws;
  private GatewayVerticle gateway;

  /** Bound of every request the harness makes, milliseconds. */
  public static final long REQUEST_TIMEOUT_MS = 10_000;

  private GatewayHarness(ProcessServices services, FakeMarket market) {
    this.vertx = services.vertx();
    this.services = services;
    this.market = market;
    this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
    this.ws = vertx.createWebSocketClient();
  }

  /** Registers the codecs, starts the market's responders and the gateway, and waits until it is ready. */
  public static Future<GatewayHarness> start(Vertx vertx, Map<String, String> env) {
    Codecs.register(vertx);
    return startOn(ProcessServices.local(vertx), env);
  }

  /** Like {@link #start}, in a process made already, its codecs registered (one from VertxFactory). */
  public static Future<GatewayHarness> startOn(ProcessServices services, Map<String, String> env) {
    return deploy(services, env).compose(h -> h.awaitReady(System.currentTimeMillis() + 10_000).map(h));
  }

  /** Like {@link #start}, without waiting until the gateway is ready (only until it listens). */
  public static Future<GatewayHarness> startListening(Vertx vertx, Map<String, String> env) {
    Codecs.register(vertx);
    return deploy(ProcessServices.local(vertx), env);
  }

  private static Future<GatewayHarness> deploy(ProcessServices services, Map<String, String> env) {
    Vertx vertx = services.vertx();
    FakeMarket market = new FakeMarket(vertx).fill();
    GatewayHarness h = new GatewayHarness(services, market);
    Map<String, String> all = new HashMap<>(Map.of("HTTP_PORT", "0", "HTTP_HOST", "127.0.0.1",
        "GATEWAY_WARMUP_RETRY_MS", "100", "GATEWAY_FLUSH_INTERVAL_MS", "20"));
    all.putAll(env);
    GatewayConfig config = GatewayConfig.from(new Env(all));
    return market.respond()
        .compose(v -> vertx.deployVerticle(h.gateway = new GatewayVerticle(config, services.health(),
            services.lifecycle(), services.clusterManager())))
        .map(h);
  }

  public int port() {
    return gateway.actualPort();
  }

  /** GET {@code uri} (with optional headers); the response with its body. */
  public Future<Response> get(String uri, Map<String, String> headers) {
    return request(HttpMethod.GET, uri, headers, null);
  }

  /** {@code method} {@code uri} with optional headers and body; the response with its body. */
  public Future<Response> request(HttpMethod method, String uri, Map<String, String> headers, Buffer body) {
    RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port())
        .setURI(uri).setIdleTimeout(REQUEST_TIMEOUT_MS);
    headers.forEach(options::addHeader);
    return http.request(options)
        .compose(req -> body == null ? req.send() : req.send(body))
        .compose(resp -> resp.body().map(b -> new Response(resp, b)));
  }

  public Future<Response> get(String uri) {
    return get(uri, Map.of());
  }

  /**
   * Opens a WebSocket at {@code uri}; {@code onText} sees every message from the first one, as text (the
   * SockJS raw transport sends the bridge's own replies and errors as binary frames).
   */
  public Future<WebSocket> webSocket(String uri, Consumer<String> onText) {
    return webSocket(ws, uri, onText);
  }

  /** {@link #webSocket(String, Consumer)} with a client of the caller's (e.g. with a small receive buffer). */
  public Future<WebSocket> webSocket(WebSocketClient client, String uri, Consumer<String> onText) {
    var socket = client.webSocket();
    socket.handler(data -> onText.accept(data.toString()));
    return socket.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port()).setURI(uri));
  }

  /** The gateway's {@code /api/status} body. */
  public Future<JsonObject> status() {
    return get("/api/status").map(r -> r.body().toJsonObject());
  }

  private Future<Void> awaitReady(long deadlineMs) {
    Promise<Void> done = Promise.promise();
    poll(deadlineMs, done);
    return done.future();
  }

  private void poll(long deadlineMs, Promise<Void> done) {
    get("/health/ready").onComplete(ar -> {
      if (ar.succeeded() && ar.result().status() == 200) {
        done.complete();
      } else if (System.currentTimeMillis() > deadlineMs) {
        done.fail("gateway not ready before the deadline: " + (ar.succeeded() ? ar.result().body() : ar.cause()));
      } else {
        vertx.setTimer(20, t -> poll(deadlineMs, done));
      }
    });
  }

  /** An HTTP response and its body. */
  public record Response(HttpClientResponse response, Buffer body) {
    public int status() {
      return response.statusCode();
    }
  }
}
