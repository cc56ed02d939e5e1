package org.optionstream.gateway.bridge;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import io.vertx.core.MultiMap;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.optionstream.common.Addresses;
import org.optionstream.gateway.GatewayConfig;
import org.optionstream.gateway.cache.Frame;
import org.optionstream.gateway.cache.GatewayCaches;
import org.optionstream.gateway.fanout.ClientSession;
import org.optionstream.gateway.fanout.Fanout;
import org.optionstream.gateway.fanout.FanoutMeters;
import org.optionstream.gateway.guard.BadInputLog;
import org.optionstream.gateway.ws.StreamFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SockJS event-bus bridge at {@code /eventbus/*}.
 *
 * <p>Permissions: browsers may receive {@code greeks.update}, {@code pcr.update}, {@code pcr.oi-by-strike},
 * {@code chain.analytics},
 * {@code feed.status}, {@code gateway.cluster} and {@code alerts.fired} (rare and never conflated: the bridge's own
 * consumer delivers it), and may only <em>request</em> (send with a reply
 * address) {@code greeks.snapshot} and {@code pcr.snapshot}. Every publish, every send without a reply
 * address, every other address in either direction is refused.
 *
 * <p>Fan-out: a registration for one of the outbound addresses is taken over by the gateway rather than
 * by the bridge (whose default is one cluster-wide event-bus consumer per browser per address, each
 * message copied and encoded per browser, and no slow-consumer protection: vertx-web#760). The browser
 * is attached to the gateway's {@link Fanout} instead, gets the cached current state of that address at
 * once, then live updates, conflated per instrument while it is behind and closed when it stays behind.
 * The register event is deliberately left uncompleted: completing it would make the bridge create its
 * own consumer (true) or send the browser an error (false). A registration may narrow what it gets with
 * headers {@code symbol}, {@code expiry}, {@code keys} (as the query parameters of {@code /ws/greeks});
 * malformed ones are rejected.
 *
 * <p>Transports: every SockJS transport works (WebSocket, xhr-streaming, xhr-polling, eventsource,
 * htmlfile, jsonp). Their POSTed frames are read by a body handler bounded by
 * {@code GATEWAY_MAX_BODY_BYTES}; a receiving request's connection closes with its response, and the
 * connection of a session closed for being slow is reset. A frame of the wrong shape
 * ({@link BridgeFrameCheck}) is answered with an error frame, counted and logged once per interval.
 */
public final class EventBusBridge {

  private static final Logger LOG = LoggerFactory.getLogger(EventBusBridge.class);

  /** Addresses browsers may receive. */
  public static final List<String> OUTBOUND = List.of(
      Addresses.GREEKS_UPDATE, Addresses.PCR_UPDATE, Addresses.PCR_OI_BY_STRIKE, Addresses.CHAIN_ANALYTICS,
      Addresses.FEED_STATUS, Frame.Kind.CLUSTER_STATUS.address(), Addresses.ALERTS_FIRED);
  /** Addresses browsers may request (send with a reply address). */
  public static final List<String> INBOUND = List.of(Addresses.GREEKS_SNAPSHOT, Addresses.PCR_SNAPSHOT);
  /** Where the bridge is mounted. */
  public static final String PATH = "/eventbus";

  private final Vertx vertx;
  private final GatewayConfig config;
  private final GatewayCaches caches;
  private final Fanout fanout;
  private final FanoutMeters meters;
  private final BadInputLog badInput;
  private final SockJsTransports transports = new SockJsTransports(PATH);
  private final SockJsConnections connections = new SockJsConnections(transports);
  private final Map<SockJSSocket, BridgeClient> clients = new HashMap<>();

  public EventBusBridge(Vertx vertx, GatewayConfig config, GatewayCaches caches, Fanout fanout, FanoutMeters meters,
      BadInputLog badInput) {
    this.vertx = vertx;
    this.config = config;
    this.caches = caches;
    this.fanout = fanout;
    this.meters = meters;
    this.badInput = badInput;
  }

  /** Mounts the bridge at {@link #PATH} on {@code router}. */
  public void mount(Router router) {
    SockJSBridgeOptions options = new SockJSBridgeOptions()
        .setReplyTimeout(config.requestTimeoutMs())
        .setMaxHandlersPerSocket(64);
    OUTBOUND.forEach(a -> options.addOutboundPermitted(new PermittedOptions().setAddress(a)));
    INBOUND.forEach(a -> options.addInboundPermitted(new PermittedOptions().setAddress(a)));
    router.route(PATH + "/*").handler(connections::track);
    router.post(PATH + "/*").handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()));
    router.route(PATH + "/*").subRouter(SockJSHandler.create(vertx,
        new SockJSHandlerOptions().setRegisterWriteHandler(false)).bridge(options, this::onEvent));
  }

  /** Whether the connection of a request to {@code uri} should close with its response (receiving transports). */
  public boolean closesAfterResponse(String uri) {
    return transports.isReceiving(uri);
  }

  /** Whether a request to {@code path} must name its page (transports loaded as script or iframe). */
  public boolean needsNamedPage(String path) {
    return transports.isScriptLoaded(path);
  }

  /** Connected bridge clients. */
  public int clientCount() {
    return clients.size();
  }

  private void onEvent(BridgeEvent event) {
    JsonObject raw = event.getRawMessage();
    if (isFrame(event.type())) {
      String problem = BridgeFrameCheck.problem(raw);
      if (problem != null) {
        refuse(event, problem);
        return;
      }
    }
    String address = raw == null ? null : raw.getString("address");
    switch (event.type()) {
      case SOCKET_CREATED -> {
        clients.put(event.socket(), new BridgeClient(event.socket()));
        event.complete(true);
      }
      case SOCKET_CLOSED, SOCKET_ERROR -> {
        BridgeClient client = clients.remove(event.socket());
        if (client != null) {
          client.close();
        }
        event.complete(true);
      }
      case REGISTER -> {
        Frame.Kind kind = address == null ? null : Frame.Kind.ofAddress(address);
        BridgeClient client = clients.get(event.socket());
        if (kind != null && client != null) {
          StreamFilter filter = filterOf(raw.getJsonObject("headers"));
          if (filter == null) {
            event.complete(false);
          } else {
            client.subscribe(kind, filter);
          }
        } else {
          event.complete(true);
        }
      }
      case UNREGISTER -> {
        Frame.Kind kind = address == null ? null : Frame.Kind.ofAddress(address);
        BridgeClient client = clients.get(event.socket());
        if (kind != null && client != null) {
          client.unsubscribe(kind);
        }
        event.complete(true);
      }
      case SEND -> event.complete(address != null && INBOUND.contains(address) && raw.getString("replyAddress") != null);
      case PUBLISH -> event.complete(false);
      default -> event.complete(true);
    }
  }

  private static boolean isFrame(BridgeEventType type) {
    return type == BridgeEventType.SEND || type == BridgeEventType.PUBLISH || type == BridgeEventType.REGISTER
        || type == BridgeEventType.UNREGISTER;
  }

  /**
   * Answers a malformed frame with an error frame saying what is wrong. The event is left uncompleted:
   * completing it would make the bridge act on the frame (true) or answer a second, vaguer error (false).
   */
  private void refuse(BridgeEvent event, String problem) {
    badInput.record(BadInputLog.Kind.BRIDGE_FRAME, problem + " from " + event.socket().remoteAddress());
    event.socket().write(new JsonObject().put("type", "err").put("body", "bad_frame: " + problem).encode());
  }

  /**
   * The optional filter of a registration, from its headers ({@code symbol}, {@code expiry}, {@code keys}
   * as on {@code /ws/greeks}); null when they are malformed (the registration is then rejected).
   */
  private static StreamFilter filterOf(JsonObject headers) {
    if (headers == null || headers.isEmpty()) {
      return StreamFilter.ALL;
    }
    MultiMap params = MultiMap.caseInsensitiveMultiMap();
    for (String name : headers.fieldNames()) {
      Object value = headers.getValue(name);
      if (value instanceof String s) {
        params.add(name, s);
      }
    }
    try {
      return StreamFilter.parse(params);
    } catch (IllegalArgumentException e) {
      LOG.debug("bridge registration refused: {}", e.getMessage());
      return null;
    }
  }

  /** One browser: the addresses it registered (each with its filter) and its flow-controlled session. */
  private final class BridgeClient {
    private final Map<Frame.Kind, StreamFilter> subscribed = new EnumMap<>(Frame.Kind.class);
    private final ClientSession session;

    BridgeClient(SockJSSocket socket) {
      this.session = new ClientSession(new SockJsSink(socket, connections), this::wants,
          config.clientMaxInflightBytes(), config.slowClientCloseMs(), meters);
      fanout.add(session, "sockjs");
    }

    private boolean wants(Frame frame) {
      StreamFilter filter = subscribed.get(frame.kind());
      return filter != null && filter.test(frame);
    }

    void subscribe(Frame.Kind kind, StreamFilter filter) {
      subscribed.put(kind, filter);
      updateChainKey();
      long now = System.currentTimeMillis();
      session.markSnapshot(kind, caches.version());
      for (Frame frame : caches.frames(kind, filter)) {
        session.offer(frame, now);
      }
      session.flush();
      LOG.debug("bridge client subscribed to {}", kind.address());
    }

    void unsubscribe(Frame.Kind kind) {
      subscribed.remove(kind);
      updateChainKey();
    }

    /** One chain when every chain-bound subscription (Greeks, PCR, OI) is narrowed to the same chain. */
    private void updateChainKey() {
      String chain = null;
      boolean any = false;
      for (Map.Entry<Frame.Kind, StreamFilter> e : subscribed.entrySet()) {
        if (e.getKey() == Frame.Kind.FEED_STATUS || e.getKey() == Frame.Kind.CLUSTER_STATUS) {
          continue;
        }
        String key = e.getValue().chainKey();
        if (key == null || (any && !key.equals(chain))) {
          session.chainKey(null);
          return;
        }
        chain = key;
        any = true;
      }
      session.chainKey(chain);
    }

    void close() {
      session.markClosed();
      fanout.remove(session);
    }
  }
}
