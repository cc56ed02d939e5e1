package org.optionstream.gateway;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.optionstream.common.Addresses;
import org.optionstream.common.json.GreeksUpdateFrame;
import org.optionstream.common.json.GreeksUpdateFrames;
import org.optionstream.common.health.StageHealth;
import org.optionstream.common.management.ManagementRoutes;
import org.optionstream.common.management.ProcessLifecycle;
import org.optionstream.common.metrics.StageMetrics;
import org.optionstream.gateway.auth.TokenAuth;
import org.optionstream.gateway.bridge.EventBusBridge;
import org.optionstream.gateway.cache.CacheWarmer;
import org.optionstream.gateway.cache.Frame;
import org.optionstream.gateway.cache.GatewayCaches;
import org.optionstream.gateway.fanout.Fanout;
import org.optionstream.gateway.fanout.FanoutMeters;
import org.optionstream.gateway.guard.BadInputLog;
import org.optionstream.gateway.guard.ConnectionGuard;
import org.optionstream.gateway.guard.ConnectionPipeline;
import org.optionstream.gateway.guard.ErrorAnswers;
import org.optionstream.gateway.guard.OriginPolicy;
import org.optionstream.gateway.guard.StandardMethods;
import org.optionstream.gateway.rest.ApiRoutes;
import org.optionstream.gateway.rest.AlertRoutes;
import org.optionstream.gateway.rest.HistoryRoutes;
import org.optionstream.gateway.status.ClusterWatcher;
import org.optionstream.gateway.status.InputWatch;
import org.optionstream.gateway.ws.AlertSockets;
import org.optionstream.gateway.ws.StreamSockets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ws-gateway: consumes {@code greeks.update.frames} (greeks updates already encoded: their bytes
 * go to clients unparsed), {@code pcr.update}, {@code pcr.oi-by-strike}, {@code chain.analytics} and
 * {@code feed.status} once for this process, keeps the newest value per instrument, and serves it to
 * browsers and services: the dashboard at {@code /}, the SockJS bridge at {@code /eventbus/*}, the plain
 * WebSocket streams {@code /ws/greeks} and {@code /ws/status}, REST snapshots under {@code /api}, and
 * {@code /health/live}, {@code /health/ready} (ready = caches warm and inputs heard, {@link InputWatch}) and
 * {@code /metrics}.
 * What hostile or broken clients can do is bounded in front of all that ({@code …gateway.guard}):
 * connection caps and timeouts, origins, standard methods only, bounded bodies and WebSocket frames,
 * error answers that say why, bad input counted rather than logged per request.
 * Deploy one instance per process: the fan-out is local to it.
 */
public final class GatewayVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayVerticle.class);
  /** Name of the gateway's readiness check. */
  public static final String READINESS_CHECK = "ws-gateway";
  /** How long the readiness check waits for the feed's answer to {@code feed.status.query}, ms (within the check's 1 s). */
  private static final long FEED_QUERY_TIMEOUT_MS = 800;
  /** Largest WebSocket frame a client may send, compressed or inflated, bytes. */
  public static final int WEBSOCKET_MAX_FRAME_BYTES = 64 * 1024;
  /** Largest WebSocket message (frames of one message together) a client may send, bytes. */
  public static final int WEBSOCKET_MAX_MESSAGE_BYTES = 256 * 1024;
  /** Least time between two log lines about one kind of refused input, milliseconds. */
  static final long BAD_INPUT_LOG_INTERVAL_MS = 60_000;
  /** Path prefixes that need the token and follow the origin policy. */
  private static final List<String> PROTECTED = List.of("/api", "/ws", EventBusBridge.PATH);

  private final GatewayConfig config;
  private final StageHealth health;
  private final ProcessLifecycle lifecycle;
  private final ClusterManager clusterManager;
  private Fanout fanout;
  private GatewayCaches caches;
  private FanoutMeters meters;
  private CacheWarmer warmer;
  private ClusterWatcher clusterWatcher;
  private InputWatch inputs;
  private EventBusBridge bridge;
  private HistoryRoutes history;
  private BadInputLog badInput;
  private ConnectionGuard connectionGuard;
  private HttpServer server;

  /**
   * A gateway that registers its readiness on {@code health}, serves the process's management routes
   * (telling {@code lifecycle} so) and reports the cluster as {@code clusterManager} sees it (null when
   * the process is not clustered).
   */
  public GatewayVerticle(GatewayConfig config, StageHealth health, ProcessLifecycle lifecycle,
      ClusterManager clusterManager) {
    this.config = config;
    this.health = health;
    this.lifecycle = lifecycle;
    this.clusterManager = clusterManager;
  }

  /** The bound HTTP port (useful with {@code HTTP_PORT=0}). */
  public int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> start() {
    meters = new FanoutMeters(StageMetrics.registry(), () -> fanout.count("websocket"), () -> fanout.count("sockjs"));
    fanout = new Fanout(vertx, config.flushIntervalMs(), meters::conflated);
    caches = new GatewayCaches(frame -> {
      meters.update();
      fanout.publish(frame);
    });
    warmer = new CacheWarmer(vertx, caches, config.warmupRetryMs(), config.requestTimeoutMs());
    clusterWatcher = new ClusterWatcher(vertx, clusterManager, caches, config.clusterPollMs());
    badInput = new BadInputLog(StageMetrics.registry(), BAD_INPUT_LOG_INTERVAL_MS);
    connectionGuard = new ConnectionGuard(config.maxConnections(), config.maxConnectionsPerAddress(), badInput);
    bridge = new EventBusBridge(vertx, config, caches, fanout, meters, badInput);

    inputs = new InputWatch(vertx, config.deafAfterMs(), FEED_QUERY_TIMEOUT_MS);

    Future<Void> greeks = vertx.eventBus().<GreeksUpdateFrames>consumer(Addresses.GREEKS_UPDATE_FRAMES, message -> {
      inputs.greeksArrived();
      for (GreeksUpdateFrame encoded : message.body().frames()) {
        caches.accept(Frame.greeks(encoded));
      }
    }).completion();
    Future<Void> pcr = consume(Addresses.PCR_UPDATE, data -> Frame.perExpiry(Frame.Kind.PCR, data));
    Future<Void> oi = consume(Addresses.PCR_OI_BY_STRIKE, data -> Frame.perExpiry(Frame.Kind.OI_BY_STRIKE, data));
    Future<Void> analytics = consume(Addresses.CHAIN_ANALYTICS, data -> Frame.perExpiry(Frame.Kind.ANALYTICS, data));
    Future<Void> feed = consume(Addresses.FEED_STATUS, data -> {
      inputs.feedStatusArrived(data);
      return Frame.status(Frame.Kind.FEED_STATUS, data);
    });

    health.readiness().register(READINESS_CHECK, promise -> {
      if (!warmer.isWarm()) {
        promise.complete(Status.KO(new JsonObject().put("warm", warmer.describe())));
      } else {
        inputs.check().onComplete(promise);
      }
    });

    HttpServerOptions serverOptions = new HttpServerOptions()
        .setHost(config.httpHost())
        .setPort(config.httpPort())
        .setCompressionSupported(true)
        // HTTP/1.1 only: with cleartext HTTP/2 on, Vert.x sets a connection up only once its first bytes
        // arrive (so a silent connection would escape the caps and the handshake timeout), and HTTP/2
        // connections would bypass the gateway's per-connection handlers
        .setHttp2ClearTextEnabled(false)
        .setIdleTimeout(config.idleTimeoutSeconds())
        .setIdleTimeoutUnit(TimeUnit.SECONDS)
        .setMaxWebSocketFrameSize(WEBSOCKET_MAX_FRAME_BYTES)
        .setMaxWebSocketMessageSize(WEBSOCKET_MAX_MESSAGE_BYTES)
        .setMaxInitialLineLength(ErrorAnswers.MAX_REQUEST_LINE_BYTES)
        .setMaxHeaderSize(ErrorAnswers.MAX_HEADER_BYTES);
    if (config.socketSendBufferBytes() > 0) {
      serverOptions.setSendBufferSize(config.socketSendBufferBytes());
    }
    StandardMethods methods = new StandardMethods(badInput, GatewayVerticle::methodsServed);
    ErrorAnswers errors = new ErrorAnswers(badInput, config.maxBodyBytes());
    Future<HttpServer> listening = vertx.createHttpServer(serverOptions)
        .connectionHandler(new ConnectionPipeline(connectionGuard, methods, bridge::closesAfterResponse, serverOptions,
            config.handshakeTimeoutSeconds(), config.wsPingIntervalSeconds(), badInput))
        .invalidRequestHandler(errors::invalidRequest)
        .requestHandler(router(methods, errors))
        .listen()
        .onSuccess(s -> server = s);

    return Future.all(java.util.List.of(greeks, pcr, oi, analytics, feed, listening)).onSuccess(ok -> {
      fanout.start();
      clusterWatcher.start();
      warmer.start();
      LOG.info("ws-gateway listening on {}:{}{}", config.httpHost(), server.actualPort(),
          config.tokenRequired() ? " (GATEWAY_TOKEN required)" : "");
    });
  }

  @Override
  public Future<?> stop() {
    fanout.stop();
    warmer.stop();
    clusterWatcher.stop();
    health.readiness().unregister(READINESS_CHECK);
    return server == null ? Future.succeededFuture() : server.close();
  }

  private Future<Void> consume(String address, Function<JsonObject, Frame> toFrame) {
    return vertx.eventBus().<Object>consumer(address, (Message<Object> message) -> {
      if (message.body() instanceof JsonObject data) {
        caches.accept(toFrame.apply(data));
      }
    }).completion();
  }

  /**
   * The routes, in the order a request meets them: the connection caps, the origin policy (which also
   * answers CORS preflights), standard methods only, the management endpoints, the token, then the API,
   * the streams, the bridge and the dashboard's files.
   */
  private Router router(StandardMethods methods, ErrorAnswers errors) {
    Router router = Router.router(vertx);
    router.route().handler(connectionGuard::refuseOverCap);
    OriginPolicy origins = new OriginPolicy(config.allowedOrigins(), bridge::needsNamedPage, badInput);
    for (String prefix : PROTECTED) {
      router.route(prefix + "/*").handler(origins);
    }
    methods.mount(router);
    ManagementRoutes.mount(router, health, lifecycle);
    if (config.tokenRequired()) {
      TokenAuth auth = new TokenAuth(config.token());
      for (String prefix : PROTECTED) {
        router.route(prefix + "/*").handler(auth);
      }
    }
    new ApiRoutes(caches, this::gatewayStatus, config.maxBodyBytes()).mount(router);
    (history = new HistoryRoutes(vertx, config.requestTimeoutMs())).mount(router);
    new AlertRoutes(vertx, config.requestTimeoutMs(), config.maxBodyBytes()).mount(router);
    StreamSockets sockets = new StreamSockets(config, caches, fanout, meters);
    router.get("/ws/greeks").handler(sockets::greeks);
    router.get("/ws/status").handler(sockets::status);
    router.get("/ws/alerts").handler(new AlertSockets(vertx)::handle);
    bridge.mount(router);
    router.route("/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
        .handler(StaticHandler.create("webroot").setMaxAgeSeconds(60));
    errors.mount(router);
    return router;
  }

  /** The methods each path serves (any other standard method gets 405 with these in {@code Allow}). */
  static List<HttpMethod> methodsServed(String path) {
    if (path.equals(EventBusBridge.PATH) || path.startsWith(EventBusBridge.PATH + "/")) {
      return List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.OPTIONS);
    }
    if (path.equals("/api/greeks") || path.equals("/api/alerts")) {
      return List.of(HttpMethod.GET, HttpMethod.POST);
    }
    if (path.startsWith("/api/alerts/") && !path.equals("/api/alerts/fired")) {
      return List.of(HttpMethod.GET, HttpMethod.DELETE);
    }
    if (path.startsWith("/api/") || path.startsWith("/ws/") || ManagementRoutes.PATHS.contains(path)) {
      return List.of(HttpMethod.GET);
    }
    return List.of(HttpMethod.GET, HttpMethod.HEAD);
  }

  private JsonObject gatewayStatus() {
    return new JsonObject()
        .put("warm", warmer.isWarm())
        .put("warmSources", warmer.describe())
        .put("tokenRequired", config.tokenRequired())
        .put("connections", connectionGuard.open())
        .put("badInput", new JsonObject(new java.util.LinkedHashMap<>(badInput.counts())))
        .put("clients", new JsonObject()
            .put("websocket", fanout.count("websocket"))
            .put("sockjs", fanout.count("sockjs")))
        .put("instruments", caches.greeksCount())
        .put("flow", fanout.stats())
        .put("history", history.status())
        .put("heapUsedBytes", Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
  }
}
