package org.optionstream.allinone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.optionstream.allinone.support.StageGroup;
import org.optionstream.common.Addresses;
import org.optionstream.common.launch.ProcessServices;
import org.optionstream.common.pricing.Black76;
import org.optionstream.common.pricing.ExpiryClock;
import org.optionstream.common.testing.TestClusters;
import org.optionstream.common.tick.ForwardSource;
import org.optionstream.common.tick.InstrumentKind;
import org.optionstream.common.tick.Tick;
import org.optionstream.common.tick.TickBatch;
import org.optionstream.common.tick.TickSource;
import org.optionstream.common.time.IstTime;

/**
 * The backbone across real JVMs: greeks, pcr and the gateway each run in their own process, each its
 * own Hazelcast member; this test's JVM is a fourth member playing the feed. Ticks it sends on
 * {@code greeks.compute.batch} and publishes on {@code market.ticks.batch}, as the feed does, must come out of the gateway's
 * {@code /ws/greeks} as {@code greeks_update} with the volatility the price was made with, and as
 * {@code pcr_update} with the PE/CE open-interest ratio, and be served by {@code /api/greeks}.
 */
@ExtendWith(VertxExtension.class)
class ClusterPipelineTest {

  private static final double RATE = 0.10;
  private static final double SIGMA = 0.15;
  private static final double STRIKE = 23500;
  private static final double FORWARD = 23530.1;
  private static final double CE_OI = 1_000_000;
  private static final double PE_OI = 1_500_000;
  private static final String CE_KEY = "NSE_FO|990001";
  private static final String PE_KEY = "NSE_FO|990002";

  @RegisterExtension
  final StageGroup stages = new StageGroup();
  private Vertx feedSide;

  @AfterEach
  void stopTheFeedSide() throws Exception {
    if (feedSide != null) {
      feedSide.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  @Timeout(value = 240, timeUnit = TimeUnit.SECONDS)
  void ticksFromTheFeedSideReachTheGatewayAsGreeksAndPcrUpdates(Vertx testVertx, VertxTestContext ctx) {
    TestClusters cluster = new TestClusters();
    int httpPort = TestClusters.freePort();
    stages.start("greeks", "org.optionstream.greeks.GreeksMain", stageEnv(cluster, Map.of()));
    stages.start("pcr", "org.optionstream.pcr.PcrMain", stageEnv(cluster, Map.of()));
    stages.start("gateway", "org.optionstream.gateway.GatewayMain",
        stageEnv(cluster, Map.of("HTTP_PORT", Integer.toString(httpPort))));

    int expiryDay = (int) LocalDate.now(IstTime.IST).plusDays(7).toEpochDay();
    Checkpoint greeksSeen = ctx.checkpoint();
    Checkpoint pcrSeen = ctx.checkpoint();
    Checkpoint restSeen = ctx.checkpoint();
    AtomicBoolean greeksDone = new AtomicBoolean();
    AtomicBoolean pcrDone = new AtomicBoolean();
    AtomicBoolean socketOpen = new AtomicBoolean();
    AtomicLong sequence = new AtomicLong();

    cluster.member().map(ProcessServices::vertx).onFailure(ctx::failNow).onSuccess(vertx -> {
      feedSide = vertx;
      vertx.setPeriodic(0, 250, id -> {
        long seq = sequence.incrementAndGet();
        long now = System.currentTimeMillis();
        TickBatch frame = TickBatch.newBuilder()
            .addTicks(option(CE_KEY, InstrumentKind.CALL, CE_OI, expiryDay, now, seq))
            .addTicks(option(PE_KEY, InstrumentKind.PUT, PE_OI, expiryDay, now, seq))
            .build();
        vertx.eventBus().send(Addresses.GREEKS_COMPUTE_BATCH, frame);
        vertx.eventBus().publish(Addresses.MARKET_TICKS_BATCH, frame);
      });
      vertx.setPeriodic(500, 1000, id -> {
        if (socketOpen.get()) {
          return;
        }
        socketOpen.set(true);
        testVertx.createWebSocketClient()
            .connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(httpPort).setURI("/ws/greeks"))
            .onFailure(notYet -> socketOpen.set(false))
            .onSuccess(ws -> {
              ws.closeHandler(closed -> socketOpen.set(false));
              ws.textMessageHandler(text -> onMessage(new JsonObject(text), ctx, greeksSeen, greeksDone, pcrSeen,
                  pcrDone, () -> checkRest(testVertx, httpPort, ctx, restSeen)));
            });
      });
    });
  }

  private void onMessage(JsonObject message, VertxTestContext ctx, Checkpoint greeksSeen, AtomicBoolean greeksDone,
      Checkpoint pcrSeen, AtomicBoolean pcrDone, Runnable afterBoth) {
    JsonObject data = message.getJsonObject("data");
    if ("greeks_update".equals(message.getString("type")) && CE_KEY.equals(data.getString("instrumentKey"))) {
      ctx.verify(() -> {
        assertThat(data.getString("ivStatus")).isEqualTo("OK");
        assertThat(data.getDouble("iv")).isCloseTo(SIGMA, within(1e-9));
        assertThat(data.getDouble("forward")).isEqualTo(FORWARD);
        assertThat(data.getString("forwardSource")).isEqualTo("SYNTHETIC");
        assertThat(data.getJsonObject("greeks").getDouble("delta")).isBetween(0.4, 0.6);
        assertThat(data.getDouble("rate")).isEqualTo(RATE);
      });
      if (greeksDone.compareAndSet(false, true)) {
        greeksSeen.flag();
        if (pcrDone.get()) {
          afterBoth.run();
        }
      }
    } else if ("pcr_update".equals(message.getString("type")) && "NIFTY".equals(data.getString("symbol"))
        && data.getValue("pcr") != null && data.getDouble("totalCeOi") == CE_OI
        && data.getDouble("totalPeOi") == PE_OI) {
      ctx.verify(() -> assertThat(data.getDouble("pcr")).isCloseTo(PE_OI / CE_OI, within(1e-12)));
      if (pcrDone.compareAndSet(false, true)) {
        pcrSeen.flag();
        if (greeksDone.get()) {
          afterBoth.run();
        }
      }
    }
  }

  private void checkRest(Vertx vertx, int httpPort, VertxTestContext ctx, Checkpoint restSeen) {
    vertx.createHttpClient()
        .request(HttpMethod.GET, httpPort, "127.0.0.1", "/api/greeks")
        .compose(request -> request.send().compose(response -> response.body()))
        .onFailure(ctx::failNow)
        .onSuccess(body -> ctx.verify(() -> {
          assertThat(body.toString()).contains(CE_KEY).contains(PE_KEY);
          restSeen.flag();
        }));
  }

  /** An option tick whose price is Black-76 at {@link #SIGMA} on {@link #FORWARD}, so IV must come back as SIGMA. */
  private static Tick option(String key, InstrumentKind kind, double oi, int expiryDay, long now, long seq) {
    double years = ExpiryClock.yearsToExpiry(now, ExpiryClock.expiryInstantMillis(expiryDay));
    double price = Black76.price(FORWARD, STRIKE, years, SIGMA, RATE, kind == InstrumentKind.CALL);
    return Tick.newBuilder()
        .setInstrumentKey(key).setSymbol("NIFTY").setKind(kind).setStrike(STRIKE).setExpiryEpochDay(expiryDay)
        .setLastPrice(price).setExchangeTimeMs(now).setSequence(seq).setOpenInterest(oi)
        .setPrevOpenInterest(oi * 0.9).setVolume(1000 * seq).setBidPrice(price - 0.05).setAskPrice(price + 0.05)
        .setUnderlyingPrice(23512.3).setForward(FORWARD).setForwardSource(ForwardSource.SYNTHETIC)
        .setAtmStrike(STRIKE).setWindowLowStrike(23000).setWindowHighStrike(24000).setStrikeStep(50)
        .setLotSize(75).setSource(TickSource.STREAM).setFeedReceivedAtMicros(now * 1000)
        .build();
  }

  static Map<String, String> stageEnv(TestClusters cluster, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(cluster.env());
    env.put("MGMT_PORT", "0");
    env.put("RISK_FREE_RATE", Double.toString(RATE));
    env.put("SHUTDOWN_TIMEOUT_SECONDS", "15");
    env.putAll(extra);
    return env;
  }
}
