package org.optionstream.gateway.bridge;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.optionstream.common.Addresses;
import org.optionstream.gateway.support.GatewayHarness;
import org.optionstream.gateway.support.RawStream;
import org.optionstream.gateway.support.Within;

/**
 * Every SockJS transport a browser may fall back to (when a proxy blocks WebSockets) opens a session,
 * takes a registration sent the transport's way, and delivers the current state and then live updates:
 * xhr-streaming, eventsource and htmlfile (streaming), xhr-polling and jsonp (polling), and the
 * SockJS-framed WebSocket. Each transport speaks the SockJS protocol over raw requests, as a browser's
 * sockjs-client does.
 */
@ExtendWith(VertxExtension.class)
class SockJsTransportsTest {

  private static final long STEP_TIMEOUT_MS = 10_000;
  private static final String REGISTER = new JsonArray().add(new JsonObject().put("type", "register")
      .put("address", Addresses.GREEKS_UPDATE).encode()).encode();
  private static final AtomicLong SESSIONS = new AtomicLong();
  /** How each transport carries SockJS's open frame {@code o}. */
  private static final Map<String, String> OPEN_FRAME = Map.of("xhr_streaming", "\no\n", "eventsource", "data: o\r\n",
      "htmlfile", "p(\"o\")", "xhr", "o\n", "jsonp", "callback(\"o\")");

  private GatewayHarness gw;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    GatewayHarness.start(vertx, Map.of()).onSuccess(h -> gw = h)
        .onComplete(ctx.succeedingThenComplete());
  }

  @ParameterizedTest
  @ValueSource(strings = {"xhr_streaming", "eventsource", "htmlfile"})
  void streamingTransportsDeliverStateThenLiveUpdates(String transport, VertxTestContext ctx) {
    String session = "/eventbus/000/" + sessionId() + "/";
    String method = transport.equals("xhr_streaming") ? "POST" : "GET";
    String query = transport.equals("htmlfile") ? "?c=callback" : "";
    String request = method + " " + session + transport + query + " HTTP/1.1\r\nHost: 127.0.0.1:" + gw.port() + "\r\n"
        + "Referer: http://127.0.0.1:" + gw.port() + "/\r\n" + (method.equals("POST") ? "Content-Length: 0\r\n" : "")
        + "\r\n";
    RawStream[] stream = new RawStream[1];
    RawStream.open(gw.vertx, gw.port(), request).compose(s -> {
      stream[0] = s;
      return s.await(text -> text.contains(OPEN_FRAME.get(transport)), STEP_TIMEOUT_MS, "open frame");
    }).compose(open -> send(session, "xhr_send"))
        .compose(v -> stream[0].await(text -> text.contains("instrumentKey"), STEP_TIMEOUT_MS, "greeks state"))
        .compose(state -> {
          long sequence = gw.market.publish(7, "CE").getLong("sequence");
          return stream[0].await(hasSequence(sequence), STEP_TIMEOUT_MS, "the live update " + sequence);
        }).onComplete(ctx.succeeding(v -> {
          stream[0].close();
          ctx.completeNow();
        }));
  }

  @ParameterizedTest
  @ValueSource(strings = {"xhr", "jsonp"})
  void pollingTransportsDeliverStateThenLiveUpdates(String transport, VertxTestContext ctx) {
    String session = "/eventbus/000/" + sessionId() + "/";
    String sendTransport = transport.equals("xhr") ? "xhr_send" : "jsonp_send";
    poll(session, transport, text -> text.contains(OPEN_FRAME.get(transport)),
        System.currentTimeMillis() + STEP_TIMEOUT_MS)
        .compose(open -> send(session, sendTransport))
        .compose(v -> poll(session, transport, text -> text.contains("instrumentKey"),
            System.currentTimeMillis() + STEP_TIMEOUT_MS))
        .compose(state -> {
          long sequence = gw.market.publish(7, "PE").getLong("sequence");
          return poll(session, transport, hasSequence(sequence), System.currentTimeMillis() + STEP_TIMEOUT_MS);
        }).onComplete(ctx.succeedingThenComplete());
  }

  @ParameterizedTest
  @ValueSource(strings = {"websocket"})
  void theSockJsWebSocketDeliversStateThenLiveUpdates(String transport, VertxTestContext ctx) {
    StringBuilder received = new StringBuilder();
    Promise<Void> state = Promise.promise();
    Promise<Void> live = Promise.promise();
    long[] sequence = {-1};
    gw.webSocket("/eventbus/000/" + sessionId() + "/" + transport, text -> {
      received.append(text);
      if (received.indexOf("instrumentKey") >= 0) {
        state.tryComplete();
      }
      if (sequence[0] >= 0 && hasSequence(sequence[0]).test(received.toString())) {
        live.tryComplete();
      }
    }).compose(ws -> ws.writeTextMessage(REGISTER))
        .compose(v -> bounded(state.future(), "greeks state"))
        .compose(v -> {
          sequence[0] = gw.market.publish(8, "CE").getLong("sequence");
          return bounded(live.future(), "the live update");
        }).onComplete(ctx.succeedingThenComplete());
  }

  /** Sends the registration the transport's way: 204 (xhr_send) or 200 "ok" (jsonp_send), never 500. */
  private Future<Void> send(String session, String sendTransport) {
    boolean jsonp = sendTransport.equals("jsonp_send");
    Buffer body = Buffer.buffer(jsonp ? "d=" + URLEncoder.encode(REGISTER, StandardCharsets.UTF_8) : REGISTER);
    Map<String, String> headers = Map.of("Content-Type", jsonp ? "application/x-www-form-urlencoded" : "text/plain",
        "Referer", "http://127.0.0.1:" + gw.port() + "/");
    return gw.request(HttpMethod.POST, session + sendTransport, headers, body).compose(r -> {
      int expected = jsonp ? 200 : 204;
      return r.status() == expected ? Future.succeededFuture()
          : Future.failedFuture(sendTransport + " answered " + r.status() + ": " + r.body());
    });
  }

  /** Polls until one answer satisfies {@code condition}. */
  private Future<String> poll(String session, String transport, Predicate<String> condition, long deadlineMs) {
    boolean jsonp = transport.equals("jsonp");
    Future<GatewayHarness.Response> answer = gw.request(jsonp ? HttpMethod.GET : HttpMethod.POST,
        session + transport + (jsonp ? "?c=callback" : ""), Map.of("Referer", "http://127.0.0.1:" + gw.port() + "/"),
        jsonp ? null : Buffer.buffer());
    return answer.compose(r -> {
      String text = r.body().toString();
      if (r.status() == 200 && condition.test(text)) {
        return Future.succeededFuture(text);
      }
      if (System.currentTimeMillis() > deadlineMs) {
        return Future.failedFuture(transport + " never delivered what was awaited; last answer " + r.status() + ": "
            + text);
      }
      return poll(session, transport, condition, deadlineMs);
    });
  }

  private Future<Void> bounded(Future<Void> awaited, String what) {
    return Within.bound(gw.vertx, awaited, STEP_TIMEOUT_MS, "no " + what);
  }

  /** The update with this sequence, however the transport escapes the JSON it carries. */
  private static Predicate<String> hasSequence(long sequence) {
    Pattern pattern = Pattern.compile("sequence\\W{1,8}" + sequence + "\\D");
    return text -> pattern.matcher(text).find();
  }

  private static String sessionId() {
    return "s" + SESSIONS.incrementAndGet() + "x" + System.nanoTime();
  }
}
