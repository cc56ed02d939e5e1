package org.optionstream.gateway.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.optionstream.common.Addresses;
import org.optionstream.gateway.support.LogCapture;
import org.optionstream.gateway.support.FakeMarket;
import org.optionstream.gateway.support.GatewayHarness;

/**
 * The SockJS bridge's permissions, spoken over its raw WebSocket transport ({@code /eventbus/websocket},
 * the bridge's JSON frames without SockJS framing): what a browser may receive and request, and that
 * everything else is refused and never reaches the event bus.
 */
@ExtendWith(VertxExtension.class)
class BridgePermissionsTest {

  private GatewayHarness gw;
  private final AtomicInteger leaked = new AtomicInteger();

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    GatewayHarness.start(vertx, Map.of()).compose(h -> {
      gw = h;
      // anything a browser manages to put on these addresses is counted as a leak
      List<Future<Void>> spies = new ArrayList<>();
      for (String a : List.of(Addresses.GREEKS_COMPUTE, Addresses.MARKET_TICKS, Addresses.FEED_SUBSCRIBE,
          Addresses.GREEKS_UPDATE, Addresses.FEED_STATUS_QUERY, "some.address")) {
        spies.add(vertx.eventBus().consumer(a, m -> leaked.incrementAndGet()).completion());
      }
      return Future.all(spies);
    }).onComplete(ctx.succeedingThenComplete());
  }

  /** A raw bridge client collecting every frame it receives. */
  private final class BridgeClient {
    final List<JsonObject> frames = new ArrayList<>();
    final List<Runnable> waiters = new ArrayList<>();
    int errors;
    WebSocket ws;

    Future<BridgeClient> open() {
      return gw.webSocket("/eventbus/websocket", text -> {
        JsonObject frame = new JsonObject(text);
        frames.add(frame);
        if (isError(frame)) {
          errors++;
        }
        new ArrayList<>(waiters).forEach(Runnable::run);
      }).map(socket -> {
        ws = socket;
        return this;
      });
    }

    void send(JsonObject frame) {
      ws.writeTextMessage(frame.encode());
    }

    /** The first frame (from now on, or already received) matching {@code p}. */
    Future<JsonObject> await(Predicate<JsonObject> p) {
      return await(p, 5000);
    }

    Future<JsonObject> await(Predicate<JsonObject> p, long timeoutMs) {
      Promise<JsonObject> found = Promise.promise();
      Runnable check = () -> frames.stream().filter(p).findFirst().ifPresent(found::tryComplete);
      waiters.add(check);
      check.run();
      long timer = gw.vertx.setTimer(timeoutMs, t -> found.tryFail("no matching frame among " + frames.size()
          + " received"));
      return found.future().onComplete(ar -> {
        waiters.remove(check);
        gw.vertx.cancelTimer(timer);
      });
    }

    /** Completes once {@code n} error frames have arrived. */
    Future<Void> awaitErrors(int n, long timeoutMs) {
      Promise<Void> done = Promise.promise();
      Runnable check = () -> {
        if (errors >= n) {
          done.tryComplete();
        }
      };
      waiters.add(check);
      check.run();
      long timer = gw.vertx.setTimer(timeoutMs, t -> done.tryFail(errors + " error frames of " + n + " within "
          + timeoutMs + " ms"));
      return done.future().onComplete(ar -> {
        waiters.remove(check);
        gw.vertx.cancelTimer(timer);
      });
    }

    /** A request-reply round trip to greeks.snapshot: everything sent before it has been handled. */
    Future<JsonObject> roundTrip() {
      String reply = "r-" + System.nanoTime();
      send(new JsonObject().put("type", "send").put("address", Addresses.GREEKS_SNAPSHOT).put("body", new JsonObject())
          .put("replyAddress", reply));
      return await(f -> reply.equals(f.getString("address")));
    }
  }

  private static boolean isError(JsonObject f) {
    return "err".equals(f.getString("type"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"greeks.compute", "market.ticks", "feed.subscribe", "greeks.snapshot", "pcr.snapshot",
      "feed.status.query", "some.address"})
  void registeringAForbiddenAddressIsRefused(String address, VertxTestContext ctx) {
    BridgeClient c = new BridgeClient();
    c.open().compose(v -> {
      c.send(new JsonObject().put("type", "register").put("address", address));
      return c.await(BridgePermissionsTest::isError);
    }).onComplete(ctx.succeeding(err -> ctx.verify(() -> {
      assertThat(err.getString("body")).isEqualTo("access_denied");
      ctx.completeNow();
    })));
  }

  @ParameterizedTest
  @ValueSource(strings = {"greeks.compute", "market.ticks", "feed.subscribe", "feed.status.query", "greeks.update",
      "some.address"})
  void sendingOrPublishingToAForbiddenAddressIsRefusedAndNeverReachesTheBus(String address, VertxTestContext ctx) {
    BridgeClient c = new BridgeClient();
    c.open().compose(v -> {
      c.send(new JsonObject().put("type", "send").put("address", address).put("body", new JsonObject().put("symbol", "X"))
          .put("replyAddress", "r-1"));
      c.send(new JsonObject().put("type", "send").put("address", address).put("body", new JsonObject()));
      c.send(new JsonObject().put("type", "publish").put("address", address).put("body", new JsonObject()));
      return c.roundTrip();
    }).onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
      assertThat(c.frames.stream().filter(BridgePermissionsTest::isError).count()).isEqualTo(3);
      assertThat(leaked.get()).isZero();
      ctx.completeNow();
    })));
  }

  @ParameterizedTest
  @ValueSource(strings = {"greeks.snapshot", "pcr.snapshot"})
  void snapshotsMayOnlyBeRequestedNotPublishedOrSentWithoutReply(String address, VertxTestContext ctx) {
    BridgeClient c = new BridgeClient();
    c.open().compose(v -> {
      c.send(new JsonObject().put("type", "publish").put("address", address).put("body", new JsonObject()));
      c.send(new JsonObject().put("type", "send").put("address", address).put("body", new JsonObject()));
      return c.roundTrip();
    }).onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
      assertThat(c.frames.stream().filter(BridgePermissionsTest::isError).map(f -> f.getString("body")))
          .containsExactly("rejected", "rejected");
      ctx.completeNow();
    })));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"type\":\"register\",\"address\":\"greeks.update\",\"headers\":\"x\"}",
      "{\"type\":\"register\",\"address\":\"greeks.update\",\"headers\":{\"symbol\":5}}",
      "{\"type\":\"register\",\"address\":5}",
      "{\"type\":\"send\",\"address\":\"greeks.snapshot\",\"body\":{},\"replyAddress\":7}",
      "{\"type\":\"send\",\"address\":\"greeks.snapshot\",\"body\":{},\"headers\":[1],\"replyAddress\":\"r\"}",
      "{\"type\":\"unregister\",\"address\":{\"a\":1}}",
      "{\"type\":\"publish\",\"address\":\"feed.status\",\"headers\":true}"})
  void aFrameOfTheWrongShapeGetsAnErrorFrameSayingWhat(String frame, VertxTestContext ctx) {
    BridgeClient c = new BridgeClient();
    c.open().compose(v -> {
      c.ws.writeTextMessage(frame);
      return c.roundTrip();
    }).onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
      assertThat(c.frames.stream().filter(BridgePermissionsTest::isError).map(f -> f.getString("body")))
          .singleElement().asString().startsWith("bad_frame: ").containsAnyOf("headers", "address", "replyAddress");
      assertThat(leaked.get()).isZero();
      ctx.completeNow();
    })));
  }

  /**
   * 10,000 frames whose headers are not an object (each once threw a ClassCastException in the bridge and
   * logged a stack trace, and got no answer), and 1,000 of a type the bridge does not know (each once logged
   * a line with the client's text): every one gets an error frame, the bad shapes are counted, and the log
   * gets one line for all of them, without a stack trace.
   */
  @Test
  void aFloodOfBadFramesIsAnsweredAndCountedAndLoggedOnce(VertxTestContext ctx) {
    int frames = 10_000;
    int unknownTypes = 1_000;
    String bad = new JsonObject().put("type", "register").put("address", Addresses.GREEKS_UPDATE).put("headers", "x")
        .encode();
    String unknown = new JsonObject().put("type", "x".repeat(200)).put("address", "a").encode();
    LogCapture log = LogCapture.start();
    BridgeClient c = new BridgeClient();
    c.open().compose(v -> {
      for (int i = 0; i < frames; i++) {
        c.ws.writeTextMessage(bad);
      }
      for (int i = 0; i < unknownTypes; i++) {
        c.ws.writeTextMessage(unknown);
      }
      return c.awaitErrors(frames + unknownTypes, 30_000);
    }).compose(v -> gw.status()).onComplete(ctx.succeeding(status -> ctx.verify(() -> {
      log.stop();
      assertThat(c.frames.stream().filter(BridgePermissionsTest::isError).map(f -> f.getString("body")).distinct())
          .containsExactlyInAnyOrder("bad_frame: headers must be an object of strings", "invalid_type");
      assertThat(status.getJsonObject("gateway").getJsonObject("badInput").getLong("bridge-frame")).isEqualTo(frames);
      assertThat(log.warnings()).as("log lines at WARN or above").hasSizeLessThanOrEqualTo(2);
      assertThat(log.withStackTrace()).as("log lines with a stack trace").isEmpty();
      ctx.completeNow();
    })));
  }

  @Test
  void snapshotRequestsAreAnswered(VertxTestContext ctx) {
    BridgeClient c = new BridgeClient();
    c.open().compose(v -> {
      c.send(new JsonObject().put("type", "send").put("address", Addresses.PCR_SNAPSHOT).put("body", new JsonObject())
          .put("replyAddress", "pcr-reply"));
      return c.roundTrip().compose(greeks -> c.await(f -> "pcr-reply".equals(f.getString("address")))
          .map(pcr -> List.of(greeks, pcr)));
    }).onComplete(ctx.succeeding(replies -> ctx.verify(() -> {
      JsonArray greeks = replies.get(0).getJsonArray("body");
      assertThat(greeks).hasSize(gw.market.keys().size());
      assertThat(replies.get(1).getJsonObject("body").getJsonArray("pcr")).hasSize(1);
      ctx.completeNow();
    })));
  }

  @ParameterizedTest
  @ValueSource(strings = {"greeks.update", "pcr.update", "pcr.oi-by-strike", "feed.status", "gateway.cluster"})
  void permittedAddressesDeliverCurrentStateThenLiveUpdates(String address, VertxTestContext ctx) {
    BridgeClient c = new BridgeClient();
    c.open().compose(v -> {
      c.send(new JsonObject().put("type", "register").put("address", address));
      return c.await(f -> "rec".equals(f.getString("type")) && address.equals(f.getString("address")));
    }).compose(first -> {
      if (!address.startsWith("greeks")) {
        return Future.succeededFuture(first);
      }
      long seq = gw.market.publish(9, "CE").getLong("sequence");
      return c.await(f -> address.equals(f.getString("address"))
          && f.getJsonObject("body").getLong("sequence") == seq);
    }).onComplete(ctx.succeeding(frame -> ctx.verify(() -> {
      assertThat(frame.getValue("body")).isInstanceOf(JsonObject.class);
      assertThat(c.frames.stream().filter(BridgePermissionsTest::isError)).isEmpty();
      if (address.equals("greeks.update")) {
        assertThat(frame.getJsonObject("body").getString("instrumentKey")).isEqualTo(FakeMarket.key(9, "CE"));
      }
      ctx.completeNow();
    })));
  }

  @Test
  void unregisterStopsDelivery(VertxTestContext ctx) {
    BridgeClient c = new BridgeClient();
    c.open().compose(v -> {
      c.send(new JsonObject().put("type", "register").put("address", Addresses.GREEKS_UPDATE));
      return c.await(f -> "rec".equals(f.getString("type")));
    }).compose(v -> {
      c.send(new JsonObject().put("type", "unregister").put("address", Addresses.GREEKS_UPDATE));
      return c.roundTrip();
    }).compose(v -> {
      int before = (int) c.frames.stream().filter(f -> Addresses.GREEKS_UPDATE.equals(f.getString("address"))).count();
      gw.market.publish(3, "PE");
      c.send(new JsonObject().put("type", "register").put("address", Addresses.FEED_STATUS));
      return c.await(f -> Addresses.FEED_STATUS.equals(f.getString("address"))).compose(x -> gw.vertx.timer(100))
          .map(x -> before);
    }).onComplete(ctx.succeeding(before -> ctx.verify(() -> {
      long after = c.frames.stream().filter(f -> Addresses.GREEKS_UPDATE.equals(f.getString("address"))).count();
      assertThat(after).isEqualTo((long) before);
      ctx.completeNow();
    })));
  }

  @Test
  void registrationHeadersFilterLikeTheWebSocketQuery(VertxTestContext ctx) {
    String wanted = FakeMarket.key(9, "CE");
    BridgeClient c = new BridgeClient();
    c.open().compose(v -> {
      c.send(new JsonObject().put("type", "register").put("address", Addresses.PCR_UPDATE)
          .put("headers", new JsonObject().put("expiry", "not-a-date")));
      c.send(new JsonObject().put("type", "register").put("address", Addresses.GREEKS_UPDATE)
          .put("headers", new JsonObject().put("symbol", "NIFTY").put("keys", wanted)));
      return c.await(f -> "rec".equals(f.getString("type")));
    }).compose(first -> {
      gw.market.publish(1, "CE");
      long seq = gw.market.publish(9, "CE").getLong("sequence");
      return c.await(f -> "rec".equals(f.getString("type")) && f.getJsonObject("body").getLong("sequence") == seq);
    }).onComplete(ctx.succeeding(last -> ctx.verify(() -> {
      assertThat(c.frames.stream().filter(f -> "rec".equals(f.getString("type")))
          .map(f -> f.getJsonObject("body").getString("instrumentKey"))).containsOnly(wanted);
      assertThat(c.frames.stream().filter(BridgePermissionsTest::isError).map(f -> f.getString("body")))
          .containsExactly("rejected");
      ctx.completeNow();
    })));
  }
}
