package org.optionstream.gateway;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.function.Function;
import org.optionstream.common.Addresses;
import org.optionstream.common.json.GreeksUpdateFrame;
import org.optionstream.common.json.GreeksUpdateFrames;
import org.optionstream.common.health.StageHealth;
import org.optionstream.common.management.ManagementRoutes;
import org.optionstream.common.metrics.StageMetrics;
import org.optionstream.gateway.auth.TokenAuth;
import org.optionstream.gateway.bridge.EventBusBridge;
import org.optionstream.gateway.cache.CacheWarmer;
import org.optionstream.gateway.cache.Frame;
import org.optionstream.gateway.cache.GatewayCaches;
import org.optionstream.gateway.fanout.Fanout;
import org.optionstream.gateway.fanout.FanoutMeters;
import org.optionstream.gateway.rest.ApiRoutes;
import org.optionstream.gateway.rest.HistoryRoutes;
import org.optionstream.gateway.status.ClusterWatcher;
import org.optionstream.gateway.ws.StreamSockets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ws-gateway: consumes {@code greeks.update.frames} (greeks updates already encoded: their bytes
 * go to clients unparsed), {@code pcr.update}, {@code pcr.oi-by-strike} and
 * {@code feed.status} once for this process, keeps the newest value per instrument, and serves it to
 * browsers and services: the dashboard at {@code /}, the SockJS bridge at {@code /eventbus/*}, the plain
 * WebSocket streams {@code /ws/greeks} and {@code /ws/status}, REST snapshots under {@code /api}, and
 * {@code /health/live}, {@code /health/ready} (ready = caches warm) and {@code /metrics}.
 * Deploy one instance per process: the fan-out is local to it.
 */
public final class GatewayVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayVerticle.class);
  /** Name of the gateway's readiness check. */
  public static final String READINESS_CHECK = "ws-gateway";

  private final GatewayConfig config;
  private Fanout fanout;
  private GatewayCaches caches;
  private FanoutMeters meters;
  private CacheWarmer warmer;
  private ClusterWatcher clusterWatcher;
  private EventBusBridge bridge;
  private HistoryRoutes history;
  private HttpServer server;

  public GatewayVerticle(GatewayConfig config) {
    this.config = config;
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
    clusterWatcher = new ClusterWatcher(vertx, caches, config.clusterPollMs());
    bridge = new EventBusBridge(vertx, config, caches, fanout, meters);

    Future<Void> greeks = vertx.eventBus().<GreeksUpdateFrames>consumer(Addresses.GREEKS_UPDATE_FRAMES, message -> {
      for (GreeksUpdateFrame encoded : message.body().frames()) {
        caches.accept(Frame.greeks(encoded));
      }
    }).completion();
    Future<Void> pcr = consume(Addresses.PCR_UPDATE, data -> Frame.perExpiry(Frame.Kind.PCR, data));
    Future<Void> oi = consume(Addresses.PCR_OI_BY_STRIKE, data -> Frame.perExpiry(Frame.Kind.OI_BY_STRIKE, data));
    Future<Void> feed = consume(Addresses.FEED_STATUS, data -> Frame.status(Frame.Kind.FEED_STATUS, data));

    StageHealth.of(vertx).readiness().register(READINESS_CHECK, promise -> promise.complete(
        warmer.isWarm() ? Status.OK() : Status.KO(new JsonObject().put("warm", warmer.describe()))));

    HttpServerOptions serverOptions = new HttpServerOptions()
        .setHost(config.httpHost())
        .setPort(config.httpPort())
        .setCompressionSupported(true);
    if (config.socketSendBufferBytes() > 0) {
      serverOptions.setSendBufferSize(config.socketSendBufferBytes());
    }
    Future<HttpServer> listening = vertx.createHttpServer(serverOptions)
        .requestHandler(router())
        .listen()
        .onSuccess(s -> server = s);

    return Future.all(greeks, pcr, oi, feed, listening).onSuccess(ok -> {
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
    StageHealth.of(vertx).readiness().unregister(READINESS_CHECK);
    return server == null ? Future.succeededFuture() : server.close();
  }

  private Future<Void> consume(String address, Function<JsonObject, Frame> toFrame) {
    return vertx.eventBus().<Object>consumer(address, (Message<Object> message) -> {
      if (message.body() instanceof JsonObject data) {
        caches.accept(toFrame.apply(data));
      }
    }).completion();
  }

  private Router router() {
    Router router = Router.router(vertx);
    ManagementRoutes.mount(router, vertx);
    if (config.tokenRequired()) {
      TokenAuth auth = new TokenAuth(config.token());
      router.route("/api/*").handler(auth);
      router.route("/ws/*").handler(auth);
      router.route("/eventbus/*").handler(auth);
    }
    new ApiRoutes(caches, this::gatewayStatus).mount(router);
    (history = new HistoryRoutes(vertx, config.requestTimeoutMs())).mount(router);
    StreamSockets sockets = new StreamSockets(config, caches, fanout, meters);
    router.get("/ws/greeks").handler(sockets::greeks);
    router.get("/ws/status").handler(sockets::status);
    router.route("/eventbus/*").subRouter(bridge.router());
    router.route("/*").handler(StaticHandler.create("webroot").setMaxAgeSeconds(60));
    return router;
  }

  private JsonObject gatewayStatus() {
    return new JsonObject()
        .put("warm", warmer.isWarm())
        .put("warmSources", warmer.describe())
        .put("tokenRequired", config.tokenRequired())
        .put("clients", new JsonObject()
            .put("websocket", fanout.count("websocket"))
            .put("sockjs", fanout.count("sockjs")))
        .put("instruments", caches.greeksCount())
        .put("flow", fanout.stats())
        .put("history", history.status())
        .put("heapUsedBytes", Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
  }
}
