package org.optionstream.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optionstream.feed.FeedTestSupport.await;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optionstream.common.Addresses;
import org.optionstream.common.codec.Codecs;
import org.optionstream.common.json.FeedState;
import org.optionstream.common.json.FeedStatus;
import org.optionstream.feed.upstox.Redactor;
import org.optionstream.feed.upstox.UpstoxRedirectRefusedException;
import org.optionstream.feed.upstox.UpstoxRest;
import org.optionstream.upstox.UpstoxPaths;

/**
 * The access token goes to UPSTOX_API_URL's origin only and never into a log, an error or
 * feed.status: against a fake Upstox on loopback that redirects to a second local server, or that
 * echoes the request's headers in its error bodies.
 */
@ExtendWith(VertxExtension.class)
class UpstoxTokenSafetyTest {

  private static final String TOKEN = "eyJ0eXAiOiJKV1Qi.s3cr3t-upstox-token.Zx9";

  private FeedTestSupport t;
  private LogCapture logs;
  /** Requests the second server saw, and the Authorization headers among them. */
  private final AtomicInteger elsewhereRequests = new AtomicInteger();
  private final List<String> elsewhereAuthorizations = new CopyOnWriteArrayList<>();
  private final List<String> fakePaths = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp(Vertx vertx) {
    Codecs.register(vertx);
    logs = new LogCapture();
    t = new FeedTestSupport(vertx);
    t.startSimulator(Map.of()); // serves the instruments master only
  }

  @AfterEach
  void tearDown() {
    logs.close();
  }

  private static Throwable failure(Future<?> call) {
    Throwable cause = await(call.transform(ar -> Future.succeededFuture(ar.cause())));
    assertThat(cause).as("the call fails").isNotNull();
    return cause;
  }

  private int listen(Handler<HttpServerRequest> handler) {
    HttpServer server = await(t.vertx.createHttpServer().requestHandler(handler).listen(0, "127.0.0.1"));
    return server.actualPort();
  }

  /** The second server: counts what reaches it, answers like Upstox would. */
  private int elsewhere() {
    return listen(req -> {
      elsewhereRequests.incrementAndGet();
      if (req.getHeader("Authorization") != null) {
        elsewhereAuthorizations.add(req.getHeader("Authorization"));
      }
      req.response().putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("status", "success").put("data", new JsonObject()).encode());
    });
  }

  /** A fake Upstox whose every REST endpoint answers 302 to the same path on {@code targetPort}. */
  private String redirectingUpstox(int targetPort) {
    int port = listen(req -> {
      fakePaths.add(req.path());
      req.response().setStatusCode(302).putHeader("Location", "http://127.0.0.1:" + targetPort + req.uri()).end();
    });
    return "http://127.0.0.1:" + port;
  }

  @Test
  void aRedirectToAnotherHostIsRefusedAndTheOtherHostNeverHearsFromTheFeed() {
    String api = redirectingUpstox(elsewhere());
    t.startFeed(t.liveConfig(Map.of("UPSTOX_API_URL", api, "UPSTOX_ACCESS_TOKEN", TOKEN)));

    t.until("a status that names the refused redirect", 10_000, () -> t.statuses.stream()
        .anyMatch(s -> s.state() != FeedState.LIVE && s.reason().contains("refused")));
    t.until("authorize retried and the option chain polled", 10_000, () -> fakePaths.stream()
        .filter(p -> p.equals(UpstoxPaths.AUTHORIZE)).count() >= 2 && fakePaths.contains(UpstoxPaths.OPTION_CHAIN));
    FeedStatus refused = t.statuses.stream().filter(s -> s.reason().contains("refused")).findFirst().orElseThrow();
    assertThat(refused.reason()).contains("authorize answered HTTP 302 redirecting to http://127.0.0.1:")
        .contains("the access token is sent only to " + api + " (UPSTOX_API_URL)");
    assertThat(elsewhereRequests).as("requests that reached the other host").hasValue(0);
    assertThat(elsewhereAuthorizations).isEmpty();
    assertThat(t.sawState(FeedState.LIVE)).isFalse();
  }

  @Test
  void everyAuthorizedCallRefusesACrossHostRedirectWithoutSendingAnything() {
    String api = redirectingUpstox(elsewhere());
    UpstoxRest rest = new UpstoxRest(t.vertx, api, () -> TOKEN, new Redactor(TOKEN));
    List<Future<?>> calls = List.of(rest.authorize(), rest.optionChain("NSE_INDEX|Nifty 50", "2025-11-27"),
        rest.lastPrices(List.of("NSE_INDEX|Nifty 50")));
    for (Future<?> call : calls) {
      Throwable failure = failure(call);
      assertThat(failure).isInstanceOf(UpstoxRedirectRefusedException.class);
      assertThat(failure.getMessage()).doesNotContain(TOKEN);
    }
    assertThat(fakePaths).containsExactlyInAnyOrder(UpstoxPaths.AUTHORIZE, UpstoxPaths.OPTION_CHAIN,
        UpstoxPaths.LTP);
    assertThat(elsewhereRequests).hasValue(0);
    rest.close();
  }

  @Test
  void aRedirectWithinTheConfiguredOriginIsFollowedWithTheTokenForABoundedNumberOfHops() {
    List<String> seen = new CopyOnWriteArrayList<>();
    int port = listen(req -> {
      seen.add(req.path() + " " + req.getHeader("Authorization"));
      switch (req.path()) {
        case UpstoxPaths.LTP -> req.response().setStatusCode(307).putHeader("Location", "/moved/ltp?" + req.query()).end();
        case "/moved/ltp" -> req.response().putHeader("Content-Type", "application/json").end(new JsonObject()
            .put("status", "success").put("data", new JsonObject().put("NSE_INDEX:Nifty 50", new JsonObject()
                .put("instrument_token", "NSE_INDEX|Nifty 50").put("last_price", 23_512.5))).encode());
        default -> req.response().setStatusCode(302).putHeader("Location", "/loop").end();
      }
    });
    UpstoxRest rest = new UpstoxRest(t.vertx, "http://127.0.0.1:" + port, () -> TOKEN, new Redactor(TOKEN));

    assertThat(await(rest.lastPrices(List.of("NSE_INDEX|Nifty 50")))).containsEntry("NSE_INDEX|Nifty 50", 23_512.5);
    assertThat(seen).containsExactly(UpstoxPaths.LTP + " Bearer " + TOKEN, "/moved/ltp Bearer " + TOKEN);

    seen.clear();
    Throwable loop = failure(rest.authorize());
    assertThat(loop).hasMessageContaining("more than " + UpstoxRest.MAX_REDIRECTS + " redirects");
    assertThat(seen).hasSize(1 + UpstoxRest.MAX_REDIRECTS);
    rest.close();
  }

  @Test
  void errorBodiesThatEchoTheTokenReachNeitherLogsNorStatusNorErrors() {
    int port = listen(req -> {
      fakePaths.add(req.path());
      String echo = "{\"status\":\"error\",\"request\":{\"headers\":{\"Authorization\":\"" + req.getHeader("Authorization")
          + "\"}},\"hint\":\"token " + TOKEN + " is not valid here\"}";
      req.response().setStatusCode(req.path().equals(UpstoxPaths.AUTHORIZE) ? 503 : 500)
          .putHeader("Content-Type", "application/json").end(echo);
    });
    String api = "http://127.0.0.1:" + port;
    t.startFeed(t.liveConfig(Map.of("UPSTOX_API_URL", api, "UPSTOX_ACCESS_TOKEN", TOKEN)));

    t.until("connect failure in feed.status", 10_000, () -> t.statuses.stream()
        .anyMatch(s -> s.reason().contains("authorize answered HTTP 503")));
    t.until("poll failure and pre-centring failure logged", 10_000, () -> logs.lines().stream()
        .anyMatch(l -> l.contains("option-chain poll failed")) && logs.lines().stream()
        .anyMatch(l -> l.contains("could not pre-centre")));
    JsonObject queried = await(t.vertx.eventBus().<JsonObject>request(Addresses.FEED_STATUS_QUERY, new JsonObject())).body();

    FeedStatus failed = t.statuses.stream().filter(s -> s.reason().contains("authorize answered HTTP 503"))
        .findFirst().orElseThrow();
    assertThat(failed.reason()).as("the echo is kept, without the credential").contains("\"Authorization\":\"Bearer ***\"");
    assertThat(t.statuses).extracting(FeedStatus::reason).noneMatch(r -> r.contains(TOKEN));
    assertThat(queried.encode()).doesNotContain(TOKEN);
    assertThat(logs.lines()).isNotEmpty().noneMatch(l -> l.contains(TOKEN)).noneMatch(l -> l.contains("s3cr3t"));

    UpstoxRest rest = new UpstoxRest(t.vertx, api, () -> TOKEN, new Redactor(TOKEN));
    for (Future<?> call : List.of(rest.authorize(), rest.optionChain("NSE_INDEX|Nifty 50", "2025-11-27"),
        rest.lastPrices(List.of("NSE_INDEX|Nifty 50")))) {
      Throwable failure = failure(call);
      assertThat(failure.getMessage()).contains("Bearer ***").contains("token *** is not valid").doesNotContain(TOKEN);
    }
    rest.close();
  }
}
