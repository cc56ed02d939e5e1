package org.optionstream.simulator;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.optionstream.upstox.UpstoxPaths;
import org.optionstream.upstox.proto.Feed;
import org.optionstream.upstox.proto.FeedResponse;
import org.optionstream.upstox.proto.MarketInfo;
import org.optionstream.upstox.proto.MarketStatus;
import org.optionstream.upstox.proto.Type;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.optionstream.common.time.IstTime;

/**
 * A small Upstox look-alike, speaking the V3 protocol the feed speaks to the real Upstox (Upstox's
 * published V3 protocol), so the feed cannot tell it from Upstox except by the data:
 * <ul>
 *   <li>{@code GET /v3/feed/market-data-feed/authorize} (bearer token) → a single-use {@code ws://} URI on
 *       the host and port the request was addressed to;</li>
 *   <li>{@code GET /v3/feed/market-data-feed?code=…} WebSocket: binary JSON {@code sub}/{@code unsub}/{@code change_mode}
 *       in; protobuf {@code FeedResponse} out: {@code market_info} first, an {@code initial_feed} snapshot per
 *       subscription, then {@code live_feed} frames batching up to {@code feedsPerFrame} feeds;</li>
 *   <li>{@code GET /v2/option/chain}, {@code GET /v3/market-quote/ltp}, {@code GET /v2/option/contract};</li>
 *   <li>{@code GET /instruments/complete.json.gz}: the gzipped master file of NSE and BSE
 *       ({@code NSE.json.gz}, {@code BSE.json.gz}: one exchange each);</li>
 *   <li>control: {@code POST /sim/control/drop?refuseMs=N}, {@code stall?ms=N}, {@code garbage?count=N},
 *       {@code rate?ticksPerSecond=N}, {@code spot?symbol=S&price=P}, {@code auth?status=N&ms=M},
 *       {@code token?accept=T} (from now on only bearer token T is accepted, and sockets opened with another
 *       token are closed, as when Upstox's daily token expires),
 *       {@code market?status=NORMAL_OPEN|NORMAL_CLOSE|…} (a {@code market_info} frame to every socket),
 *       {@code redirect?hops=N} (each socket upgrade answered with N redirects, 307 and 302 in turn, before 101),
 *       {@code limits?ltpc=N&option_greeks=N&full=N} (lower per-connection key limits; none: Upstox's),
 *       {@code ratelimit?count=N&retryAfterSeconds=S} (the next N REST calls answer 429 with Retry-After),
 *       {@code schema?newer=true} (frames carry fields the feed's schema does not know),
 *       {@code GET /sim/control/stats}.</li>
 * </ul>
 * Like Upstox, the limits are silent: keys past a connection's per-mode limits (alone: ltpc 5000,
 * option_greeks 3000, full 2000; modes combined: 2000, 2000, 1500) are accepted and get no data at all.
 * Everything runs on this verticle's event loop.
 */
public final class UpstoxSimulator extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(UpstoxSimulator.class);
  /**
   * Where the simulator serves the gzipped instruments master of every exchange (NSE and BSE), as Upstox's
   * {@code complete.json.gz} (Upstox serves it from another host); {@code NSE.json.gz} and {@code BSE.json.gz}
   * next to it hold one exchange each.
   */
  public static final String INSTRUMENTS_PATH = "/instruments/complete.json.gz";

  private final SimulatorConfig config;
  private SimMarket market;
  private SimFrames frames;
  private HttpServer server;
  private Buffer masterGzip;
  private Buffer nseMasterGzip;
  private Buffer bseMasterGzip;
  private SplittableRandom garbageRandom;
  /** Authorization code → the bearer token it was issued to (single use). */
  private final Map<String, String> issuedCodes = new HashMap<>();
  /** The only bearer token accepted, or null: any non-blank one. */
  private String acceptedToken;
  private final List<Session> sessions = new ArrayList<>();
  private final Map<String, LoopFeed> loopFeeds = new java.util.HashMap<>();
  private volatile int actualPort;
  private int ticksPerSecond;
  private long refuseUntilMs;
  private long authFailUntilMs;
  private int authFailStatus;
  private long lastLoopMs;
  private long loopTimer = -1;
  private MarketStatus segmentStatus = MarketStatus.NORMAL_OPEN;

  // statistics (event-loop confined; read through stats())
  private long connections;
  private long subscriptions;
  private long unsubscribes;
  private long changeModes;
  private long cleanCloses;
  private long framesSent;
  private long feedsSent;
  private long garbageSent;
  private long authorizations;
  private long rejectedAuthorizations;
  private long rejectedUpgrades;
  private long framesDroppedSlowClient;
  private long redirectedUpgrades;
  private long rateLimitedCalls;
  private long callsDuringRetryAfter;
  private int redirectHops;
  private int rateLimitCount;
  private long retryAfterSeconds;
  private long retryAfterUntilMs;
  private long rateLimitedAtMs;
  /** Per-connection key limits by mode: alone, and when modes are combined on one connection. */
  private Map<String, Integer> limitsAlone = UPSTOX_LIMITS_ALONE;
  private Map<String, Integer> limitsCombined = UPSTOX_LIMITS_COMBINED;
  private static final Map<String, Integer> UPSTOX_LIMITS_ALONE = Map.of("ltpc", 5000, "option_greeks", 3000, "full", 2000);
  private static final Map<String, Integer> UPSTOX_LIMITS_COMBINED = Map.of("ltpc", 2000, "option_greeks", 2000, "full", 1500);

  /** One client socket. */
  private final class Session {
    final ServerWebSocket ws;
    final HttpConnection connection;
    final String token;
    final Map<String, String> subscribed = new LinkedHashMap<>();
    /** The subscribed keys within the connection's limits, in order: the ones that get data. */
    List<String> order = List.of();
    Set<String> served = Set.of();
    int cursor;
    double carry;
    long stalledUntilMs;

    Session(ServerWebSocket ws, HttpConnection connection, String token) {
      this.ws = ws;
      this.connection = connection;
      this.token = token;
    }
  }

  public UpstoxSimulator(SimulatorConfig config) {
    this.config = config;
    this.ticksPerSecond = config.ticksPerSecond();
  }

  @Override
  public Future<?> start() {
    long now = System.currentTimeMillis();
    market = new SimMarket(config, now);
    frames = new SimFrames(market);
    garbageRandom = new SplittableRandom(config.seed() ^ 0x5DEECE66DL);
    masterGzip = gzip(market.masterJson(null).toBuffer());
    nseMasterGzip = gzip(market.masterJson("NSE").toBuffer());
    bseMasterGzip = gzip(market.masterJson("BSE").toBuffer());
    Router router = Router.router(vertx);
    router.get(UpstoxPaths.AUTHORIZE).handler(this::authorize);
    router.get(UpstoxPaths.FEED).handler(this::upgrade);
    router.get(UpstoxPaths.OPTION_CHAIN).handler(this::optionChain);
    router.get(UpstoxPaths.OPTION_CONTRACT).handler(this::optionContract);
    router.get(UpstoxPaths.LTP).handler(this::ltp);
    router.get(INSTRUMENTS_PATH).handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/gzip").end(masterGzip));
    router.get("/instruments/NSE.json.gz").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/gzip").end(nseMasterGzip));
    router.get("/instruments/BSE.json.gz").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/gzip").end(bseMasterGzip));
    router.post("/sim/control/drop").handler(this::drop);
    router.post("/sim/control/stall").handler(this::stall);
    router.post("/sim/control/garbage").handler(this::garbage);
    router.post("/sim/control/rate").handler(this::rate);
    router.post("/sim/control/spot").handler(this::spot);
    router.post("/sim/control/auth").handler(this::authControl);
    router.post("/sim/control/token").handler(this::tokenControl);
    router.post("/sim/control/redirect").handler(ctx -> {
      redirectHops = (int) longParam(ctx, "hops", 0);
      json(ctx, 200, new JsonObject().put("hops", redirectHops));
    });
    router.post("/sim/control/limits").handler(this::limitsControl);
    router.post("/sim/control/ratelimit").handler(ctx -> {
      rateLimitCount = (int) longParam(ctx, "count", 1);
      retryAfterSeconds = longParam(ctx, "retryAfterSeconds", 1);
      json(ctx, 200, new JsonObject().put("count", rateLimitCount).put("retryAfterSeconds", retryAfterSeconds));
    });
    router.post("/sim/control/schema").handler(ctx -> {
      frames.newerSchema(Boolean.parseBoolean(ctx.request().getParam("newer", "false")));
      loopFeeds.clear();
      json(ctx, 200, new JsonObject().put("newer", Boolean.parseBoolean(ctx.request().getParam("newer", "false"))));
    });
    router.post("/sim/control/market").handler(this::marketControl);
    router.get("/sim/control/stats").handler(ctx -> json(ctx, 200, stats()));
    server = vertx.createHttpServer(new HttpServerOptions()
        .setHost(config.host())
        .setPort(config.port())
        .setMaxWebSocketFrameSize(1024 * 1024)
        .setMaxWebSocketMessageSize(4 * 1024 * 1024)
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false));
    return server.requestHandler(router).listen().map(s -> {
      actualPort = s.actualPort();
      lastLoopMs = System.currentTimeMillis();
      loopTimer = vertx.setPeriodic(config.loopMs(), t -> loop());
      LOG.info("Upstox simulator on http://{}:{} ({} ticks/s, seed {}, opening levels {})", config.host(), actualPort,
          ticksPerSecond, config.seed(), config.spots());
      return s;
    });
  }

  @Override
  public Future<?> stop() {
    if (loopTimer >= 0) {
      vertx.cancelTimer(loopTimer);
    }
    for (Session s : List.copyOf(sessions)) {
      s.ws.close((short) 1001, "simulator stopping");
    }
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** The bound port (valid once deployed). */
  public int port() {
    return actualPort;
  }

  /** {@code http://host:port} (loopback when bound to every interface): where a local client reaches it. */
  public String baseUrl() {
    return "http://" + ("0.0.0.0".equals(config.host()) ? "127.0.0.1" : config.host()) + ":" + actualPort;
  }

  /** The master file URL. */
  public String instrumentsUrl() {
    return baseUrl() + INSTRUMENTS_PATH;
  }

  // ---------------------------------------------------------------- REST

  /**
   * Every authorized REST call: 429 with Retry-After while told to, counting calls that came before the
   * last Retry-After had passed (a call already on its way when the 429 went out, within 100 ms, is not
   * counted); then the bearer token.
   */
  private boolean bearer(RoutingContext ctx) {
    long now = System.currentTimeMillis();
    if (now < retryAfterUntilMs && now > rateLimitedAtMs + 100) {
      callsDuringRetryAfter++;
    }
    if (rateLimitCount > 0 || now < retryAfterUntilMs) {
      if (rateLimitCount > 0) {
        rateLimitCount--;
        rateLimitedAtMs = now;
        retryAfterUntilMs = now + retryAfterSeconds * 1000;
      }
      rateLimitedCalls++;
      ctx.response().putHeader("Retry-After", Long.toString(Math.max(1, (retryAfterUntilMs - now + 999) / 1000)));
      json(ctx, 429, error("UDAPI10005", "Too Many Request Sent"));
      return false;
    }
    String token = bearerToken(ctx);
    if (token == null || (acceptedToken != null && !acceptedToken.equals(token))) {
      json(ctx, 401, error("UDAPI100050", "Invalid token used to access API"));
      return false;
    }
    return true;
  }

  private static String bearerToken(RoutingContext ctx) {
    String auth = ctx.request().getHeader("Authorization");
    return auth == null || !auth.startsWith("Bearer ") || auth.substring(7).isBlank() ? null : auth.substring(7).trim();
  }

  private void authorize(RoutingContext ctx) {
    long now = System.currentTimeMillis();
    if (now < authFailUntilMs) {
      rejectedAuthorizations++;
      json(ctx, authFailStatus, error("UDAPI100050", "Invalid token used to access API"));
      return;
    }
    if (!bearer(ctx)) {
      rejectedAuthorizations++;
      return;
    }
    if (now < refuseUntilMs) {
      rejectedAuthorizations++;
      json(ctx, 503, error("UDAPI100500", "Service temporarily unavailable"));
      return;
    }
    authorizations++;
    String code = UUID.randomUUID().toString();
    issuedCodes.put(code, bearerToken(ctx));
    HostAndPort addressed = ctx.request().authority();
    String authority = addressed != null ? addressed.host() + (addressed.port() > 0 ? ":" + addressed.port() : "")
        : "127.0.0.1:" + actualPort;
    String uri = "ws://" + authority + UpstoxPaths.FEED + "?requestId=" + UUID.randomUUID() + "&code=" + code;
    json(ctx, 200, new JsonObject().put("status", "success").put("data", new JsonObject()
        .put("authorizedRedirectUri", uri).put("authorized_redirect_uri", uri)));
  }

  private void upgrade(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    String code = req.getParam("code");
    if (System.currentTimeMillis() < refuseUntilMs) {
      rejectedUpgrades++;
      req.response().setStatusCode(503).end();
      return;
    }
    int hop = (int) longParam(ctx, "hop", 0);
    if (hop < redirectHops) {
      redirectedUpgrades++;
      String query = req.query() == null ? "" : req.query().replaceAll("&?hop=\\d+", "");
      req.response().setStatusCode(hop % 2 == 0 ? 307 : 302)
          .putHeader("Location", UpstoxPaths.FEED + "?" + query + "&hop=" + (hop + 1)).end();
      return;
    }
    String token = code == null ? null : issuedCodes.remove(code);
    if (token == null) {
      rejectedUpgrades++;
      req.response().setStatusCode(403).end("authorization code missing, unknown or already used");
      return;
    }
    HttpConnection connection = req.connection();
    req.toWebSocket().onSuccess(ws -> open(ws, connection, token)).onFailure(e -> LOG.debug("upgrade failed", e));
  }

  private void optionChain(RoutingContext ctx) {
    if (!bearer(ctx)) {
      return;
    }
    String key = ctx.request().getParam("instrument_key");
    String expiry = ctx.request().getParam("expiry_date");
    JsonArray rows;
    try {
      rows = key == null || expiry == null ? null : market.optionChain(key, LocalDate.parse(expiry));
    } catch (DateTimeParseException e) {
      rows = null;
    }
    if (rows == null) {
      json(ctx, 400, error("UDAPI1087", "Invalid instrument_key or expiry_date"));
      return;
    }
    json(ctx, 200, new JsonObject().put("status", "success").put("data", rows));
  }

  private void optionContract(RoutingContext ctx) {
    if (!bearer(ctx)) {
      return;
    }
    String key = ctx.request().getParam("instrument_key");
    String expiry = ctx.request().getParam("expiry_date");
    JsonArray data = new JsonArray();
    for (Object row : market.masterJson(null)) {
      JsonObject r = (JsonObject) row;
      if (key != null && key.equals(r.getString("underlying_key")) && (expiry == null
          || IstTime.date(IstTime.epochDayAt(r.getLong("expiry"))).equals(expiry))) {
        data.add(r);
      }
    }
    json(ctx, 200, new JsonObject().put("status", "success").put("data", data));
  }

  private void ltp(RoutingContext ctx) {
    if (!bearer(ctx)) {
      return;
    }
    String keys = ctx.request().getParam("instrument_key", "");
    JsonObject data = new JsonObject();
    for (String key : keys.split(",")) {
      SimMarket.Instrument o = market.instrument(key.trim());
      if (o != null) {
        String segment = o.index ? o.underlying.indexSegment() : o.underlying.optionSegment();
        data.put(segment + ":" + o.tradingSymbol, new JsonObject().put("last_price", market.price(o))
            .put("instrument_token", o.key).put("ltq", 0).put("volume", o.volume).put("cp", o.close));
      }
    }
    json(ctx, 200, new JsonObject().put("status", "success").put("data", data));
  }

  // ---------------------------------------------------------------- control

  private void drop(RoutingContext ctx) {
    long refuseMs = longParam(ctx, "refuseMs", 0);
    refuseUntilMs = System.currentTimeMillis() + refuseMs;
    int killed = sessions.size();
    for (Session s : List.copyOf(sessions)) {
      SocketControl.abort(s.connection);
    }
    LOG.info("simulator: dropped {} socket(s), refusing new ones for {} ms", killed, refuseMs);
    json(ctx, 200, new JsonObject().put("dropped", killed).put("refuseMs", refuseMs));
  }

  private void stall(RoutingContext ctx) {
    long ms = longParam(ctx, "ms", 0);
    long until = System.currentTimeMillis() + ms;
    for (Session s : sessions) {
      s.stalledUntilMs = until;
      SocketControl.pauseReading(s.connection);
    }
    List<Session> stalled = List.copyOf(sessions);
    vertx.setTimer(Math.max(1, ms), t -> stalled.forEach(s -> SocketControl.resumeReading(s.connection)));
    json(ctx, 200, new JsonObject().put("stalled", stalled.size()).put("ms", ms));
  }

  private void garbage(RoutingContext ctx) {
    long count = longParam(ctx, "count", 1);
    long now = System.currentTimeMillis();
    byte[] valid = FeedResponse.newBuilder().setType(Type.live_feed).setCurrentTs(now)
        .putFeeds(market.underlyings().get(0).indexKey, frames.feed(market.underlyings().get(0).index, "ltpc", now))
        .build().toByteArray();
    for (Session s : sessions) {
      for (long i = 0; i < count; i++) {
        Buffer b;
        switch ((int) (i % 3)) {
          case 0 -> {
            byte[] junk = new byte[1 + garbageRandom.nextInt(200)];
            garbageRandom.nextBytes(junk);
            b = Buffer.buffer(junk);
          }
          case 1 -> b = Buffer.buffer(java.util.Arrays.copyOf(valid, 1 + garbageRandom.nextInt(valid.length - 1)));
          default -> b = Buffer.buffer("{\"status\":\"error\",\"errors\":[{\"errorCode\":\"UDAPI100011\","
              + "\"message\":\"Invalid Instrument key\"}]}");
        }
        s.ws.writeBinaryMessage(b);
        garbageSent++;
      }
    }
    json(ctx, 200, new JsonObject().put("sent", count * sessions.size()));
  }

  private void rate(RoutingContext ctx) {
    long rate = longParam(ctx, "ticksPerSecond", -1);
    if (rate < 0 || rate > 10_000_000) {
      json(ctx, 400, error("SIM400", "ticksPerSecond must be 0..10000000"));
      return;
    }
    ticksPerSecond = (int) rate;
    json(ctx, 200, new JsonObject().put("ticksPerSecond", ticksPerSecond));
  }

  private void spot(RoutingContext ctx) {
    String symbol = ctx.request().getParam("symbol", "NIFTY");
    double price;
    try {
      price = Double.parseDouble(ctx.request().getParam("price", ""));
      market.setSpot(symbol, price, System.currentTimeMillis());
    } catch (IllegalArgumentException e) {
      json(ctx, 400, error("SIM400", "need symbol (NIFTY, BANKNIFTY, FINNIFTY, MIDCPNIFTY, SENSEX) and a positive price"));
      return;
    }
    json(ctx, 200, new JsonObject().put("symbol", symbol).put("spot", price));
  }

  private void authControl(RoutingContext ctx) {
    int status = (int) longParam(ctx, "status", 200);
    long ms = longParam(ctx, "ms", 3_600_000);
    authFailStatus = status;
    authFailUntilMs = status == 200 ? 0 : System.currentTimeMillis() + ms;
    json(ctx, 200, new JsonObject().put("status", status).put("ms", status == 200 ? 0 : ms));
  }

  private void tokenControl(RoutingContext ctx) {
    String accept = ctx.request().getParam("accept");
    acceptedToken = accept == null || accept.isBlank() ? null : accept.trim();
    int closed = 0;
    for (Session s : List.copyOf(sessions)) {
      if (acceptedToken != null && !acceptedToken.equals(s.token)) {
        s.ws.close((short) 1008, "access token expired");
        closed++;
      }
    }
    json(ctx, 200, new JsonObject().put("closedSockets", closed).put("anyToken", acceptedToken == null));
  }

  private void limitsControl(RoutingContext ctx) {
    Map<String, Integer> alone = new java.util.HashMap<>(UPSTOX_LIMITS_ALONE);
    Map<String, Integer> combined = new java.util.HashMap<>(UPSTOX_LIMITS_COMBINED);
    for (String mode : UPSTOX_LIMITS_ALONE.keySet()) {
      long limit = longParam(ctx, mode, -1);
      if (limit >= 0) {
        alone.put(mode, (int) limit);
        combined.put(mode, (int) limit);
      }
    }
    limitsAlone = Map.copyOf(alone);
    limitsCombined = Map.copyOf(combined);
    sessions.forEach(this::applyLimits);
    json(ctx, 200, new JsonObject().put("alone", new JsonObject(new java.util.HashMap<>(limitsAlone)))
        .put("combined", new JsonObject(new java.util.HashMap<>(limitsCombined))));
  }

  /** Which of the session's keys get data: in subscription order, up to each mode's limit; the rest get none. */
  private void applyLimits(Session s) {
    boolean combined = s.subscribed.values().stream().map(UpstoxSimulator::limitMode).distinct().count() > 1;
    Map<String, Integer> limits = combined ? limitsCombined : limitsAlone;
    Map<String, Integer> used = new java.util.HashMap<>();
    List<String> order = new ArrayList<>();
    s.subscribed.forEach((key, mode) -> {
      String m = limitMode(mode);
      if (used.merge(m, 1, Integer::sum) <= limits.getOrDefault(m, 0)) {
        order.add(key);
      }
    });
    s.order = order;
    s.served = Set.copyOf(order);
    s.cursor = 0;
  }

  /** The mode whose limits apply: {@code full_d30} counts as {@code full}. */
  private static String limitMode(String mode) {
    return mode.startsWith("full") ? "full" : mode;
  }

  private void marketControl(RoutingContext ctx) {
    try {
      segmentStatus = MarketStatus.valueOf(ctx.request().getParam("status", ""));
    } catch (IllegalArgumentException e) {
      json(ctx, 400, error("SIM400", "status must be one of PRE_OPEN_START, PRE_OPEN_END, NORMAL_OPEN, NORMAL_CLOSE, "
          + "CLOSING_START, CLOSING_END"));
      return;
    }
    sessions.forEach(this::sendMarketInfo);
    json(ctx, 200, new JsonObject().put("status", segmentStatus.name()).put("sockets", sessions.size()));
  }

  /** Counters since start (plus current state): what the control endpoint reports. */
  public JsonObject stats() {
    int keys = sessions.stream().mapToInt(s -> s.subscribed.size()).sum();
    JsonObject spots = new JsonObject();
    market.underlyings().forEach(u -> spots.put(u.symbol, Math.round(u.spot() * 100) / 100.0));
    return new JsonObject()
        .put("connections", connections)
        .put("openConnections", sessions.size())
        .put("subscriptions", subscriptions)
        .put("subscribedKeys", keys)
        .put("silentKeys", sessions.stream().mapToInt(s -> s.subscribed.size() - s.served.size()).sum())
        .put("redirectedUpgrades", redirectedUpgrades)
        .put("rateLimitedCalls", rateLimitedCalls)
        .put("callsDuringRetryAfter", callsDuringRetryAfter)
        .put("unsubscribes", unsubscribes)
        .put("changeModes", changeModes)
        .put("cleanCloses", cleanCloses)
        .put("framesSent", framesSent)
        .put("feedsSent", feedsSent)
        .put("garbageSent", garbageSent)
        .put("framesDroppedSlowClient", framesDroppedSlowClient)
        .put("authorizations", authorizations)
        .put("rejectedAuthorizations", rejectedAuthorizations)
        .put("rejectedUpgrades", rejectedUpgrades)
        .put("ticksPerSecond", ticksPerSecond)
        .put("spot", spots);
  }

  // ---------------------------------------------------------------- socket

  private void open(ServerWebSocket ws, HttpConnection connection, String token) {
    Session s = new Session(ws, connection, token);
    sessions.add(s);
    connections++;
    ws.binaryMessageHandler(b -> onRequest(s, b));
    ws.textMessageHandler(t -> onRequest(s, Buffer.buffer(t)));
    ws.exceptionHandler(e -> LOG.debug("simulator socket error: {}", e.getMessage()));
    ws.closeHandler(v -> {
      sessions.remove(s);
      Short code = ws.closeStatusCode();
      if (code != null && code == 1000) {
        cleanCloses++;
      }
    });
    sendMarketInfo(s);
  }

  private void sendMarketInfo(Session s) {
    MarketInfo.Builder info = MarketInfo.newBuilder()
        .putSegmentStatus("NSE_EQ", segmentStatus)
        .putSegmentStatus("NSE_FO", segmentStatus)
        .putSegmentStatus("NSE_INDEX", segmentStatus)
        .putSegmentStatus("BSE_FO", segmentStatus)
        .putSegmentStatus("BSE_INDEX", segmentStatus);
    send(s, FeedResponse.newBuilder().setType(Type.market_info).setCurrentTs(System.currentTimeMillis())
        .setMarketInfo(info).build());
  }

  private void onRequest(Session s, Buffer body) {
    JsonObject request;
    try {
      request = body.toJsonObject();
    } catch (RuntimeException e) {
      LOG.debug("simulator: ignoring a request that is not JSON");
      return;
    }
    String method = request.getString("method", "");
    JsonObject data = request.getJsonObject("data", new JsonObject());
    JsonArray keys = data.getJsonArray("instrumentKeys", new JsonArray());
    String mode = data.getString("mode", "ltpc");
    List<String> snapshot = new ArrayList<>();
    switch (method) {
      case "sub", "change_mode" -> {
        if (method.equals("sub")) {
          subscriptions++;
        } else {
          changeModes++;
        }
        for (Object k : keys) {
          if (k instanceof String key && market.instrument(key) != null
              && (method.equals("sub") || s.subscribed.containsKey(key))) {
            s.subscribed.put(key, mode);
            snapshot.add(key);
          }
        }
      }
      case "unsub" -> {
        unsubscribes++;
        for (Object k : keys) {
          s.subscribed.remove(String.valueOf(k));
        }
      }
      default -> LOG.debug("simulator: unknown method {}", method);
    }
    applyLimits(s);
    snapshot.removeIf(key -> !s.served.contains(key));
    if (!snapshot.isEmpty()) {
      long now = System.currentTimeMillis();
      FeedResponse.Builder frame = FeedResponse.newBuilder().setType(Type.initial_feed).setCurrentTs(now);
      for (String key : snapshot) {
        frame.putFeeds(key, frames.feed(market.instrument(key), s.subscribed.get(key), now));
      }
      feedsSent += snapshot.size();
      send(s, frame.build());
    }
  }

  private void loop() {
    long now = System.currentTimeMillis();
    // a late loop sends at most 100 ms worth, so a slow consumer or a loaded machine never blocks the loop for long
    long elapsedMs = Math.min(now - lastLoopMs, 100);
    lastLoopMs = now;
    market.advance(now);
    loopFeeds.clear();
    if (ticksPerSecond == 0) {
      return;
    }
    for (Session s : sessions) {
      if (now < s.stalledUntilMs || s.order.isEmpty()) {
        continue;
      }
      double budget = s.carry + ticksPerSecond * elapsedMs / 1000.0;
      int n = (int) budget;
      s.carry = budget - n;
      int perFrame = Math.min(config.feedsPerFrame(), s.order.size());
      while (n > 0) {
        if (s.ws.writeQueueFull()) {
          framesDroppedSlowClient++;
          s.carry = 0;
          break;
        }
        int batch = Math.min(n, perFrame);
        FeedResponse.Builder frame = FeedResponse.newBuilder().setType(Type.live_feed).setCurrentTs(now);
        for (int i = 0; i < batch; i++) {
          String key = s.order.get(s.cursor);
          s.cursor = (s.cursor + 1) % s.order.size();
          frame.putFeeds(key, loopFeed(key, s.subscribed.get(key), now));
        }
        feedsSent += batch;
        send(s, frame.build());
        n -= batch;
      }
    }
  }

  /**
   * The feed of {@code key} for this loop iteration ({@code SIM_LOOP_MS}): priced, and its OI/volume stepped, at most
   * once per iteration, then reused by every frame of the iteration. At load-generator rates each
   * key is sent many times per iteration; at normal rates this changes nothing.
   */
  private Feed loopFeed(String key, String mode, long now) {
    LoopFeed cached = loopFeeds.get(key);
    if (cached == null || !cached.mode.equals(mode)) {
      cached = new LoopFeed(mode, frames.feed(market.instrument(key), mode, now));
      loopFeeds.put(key, cached);
    }
    return cached.feed;
  }

  private record LoopFeed(String mode, Feed feed) {
  }

  private void send(Session s, FeedResponse frame) {
    framesSent++;
    s.ws.writeBinaryMessage(Buffer.buffer(frame.toByteArray()));
  }

  // ---------------------------------------------------------------- helpers

  private static JsonObject error(String code, String message) {
    return new JsonObject().put("status", "error").put("errors", new JsonArray().add(new JsonObject()
        .put("errorCode", code).put("message", message)));
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toBuffer());
  }

  private static long longParam(RoutingContext ctx, String name, long defaultValue) {
    String v = ctx.request().getParam(name);
    if (v == null || v.isBlank()) {
      return defaultValue;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      return defaultValue;
    }
  }

  private static Buffer gzip(Buffer json) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(json.length() / 8);
      try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
        gz.write(json.getBytes());
      }
      return Buffer.buffer(out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
