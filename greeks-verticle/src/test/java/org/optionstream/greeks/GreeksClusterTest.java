package org.optionstream.greeks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.optionstream.common.Addresses;
import org.optionstream.common.config.ClusterSettings;
import org.optionstream.common.launch.ProcessServices;
import org.optionstream.common.launch.VertxFactory;
import org.optionstream.common.pricing.ExpiryClock;
import org.optionstream.common.testing.TestClusters;
import org.optionstream.common.tick.ForwardSource;
import org.optionstream.common.tick.InstrumentKind;
import org.optionstream.common.tick.Tick;
import org.optionstream.common.time.IstTime;
import org.optionstream.common.pricing.Black76;

/**
 * Greeks instances in different cluster members (as in different JVMs) share greeks.compute: a
 * third member, standing in for the feed, sends option ticks and every greeks member prices some of
 * them; the updates it receives carry the right IV, and its snapshot request is answered.
 * Runs on a random Hazelcast cluster name so parallel runs never join each other.
 */
class GreeksClusterTest {

  private static final long JOIN_SECONDS = 90;
  private static final String EXPIRY = "2025-11-27";
  private static final long EXCHANGE_TIME = IstTime.parseTimestamp("2025-11-20T10:00:00.000+05:30");
  private static final double FORWARD = 23_700;

  private final ClusterSettings settings = new TestClusters().settings();
  private Vertx feed;
  private Vertx first;
  private Vertx second;

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(JOIN_SECONDS, TimeUnit.SECONDS);
  }

  @AfterEach
  void closeAll() throws Exception {
    for (Vertx v : new Vertx[] {second, first, feed}) {
      if (v != null) {
        await(v.close());
      }
    }
  }

  private Vertx greeksMember(AtomicLong published) throws Exception {
    ProcessServices services = await(VertxFactory.create(settings));
    Vertx vertx = services.vertx();
    vertx.eventBus().addOutboundInterceptor(ctx -> {
      if (Addresses.GREEKS_UPDATE.equals(ctx.message().address())) {
        published.incrementAndGet();
      }
      ctx.next();
    });
    await(vertx.deployVerticle(new GreeksVerticle(new GreeksConfig(0.10, 1), new GreeksBook(), services.health(),
        services.presence())));
    return vertx;
  }

  @Test
  void greeksMembersShareTheTicksOfTheCluster() throws Exception {
    AtomicLong firstPublished = new AtomicLong();
    AtomicLong secondPublished = new AtomicLong();
    first = greeksMember(firstPublished);
    second = greeksMember(secondPublished);
    feed = await(VertxFactory.create(settings)).vertx();

    double years = ExpiryClock.yearsToExpiry(EXCHANGE_TIME, ExpiryClock.expiryInstantMillis(IstTime.epochDay(EXPIRY)));
    Map<String, Double> sigmaByKey = new java.util.concurrent.ConcurrentHashMap<>();
    List<JsonObject> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    await(feed.eventBus().<JsonObject>consumer(Addresses.GREEKS_UPDATE, m -> received.add(m.body())).completion());

    // Keep sending small batches until both members have priced some and their updates reach the feed
    // member (registrations take a moment to propagate through the cluster), then stop.
    CompletableFuture<Void> bothBusy = new CompletableFuture<>();
    AtomicLong seq = new AtomicLong();
    long timer = feed.setPeriodic(100, id -> {
      if (firstPublished.get() > 0 && secondPublished.get() > 0 && !received.isEmpty()) {
        bothBusy.complete(null);
        return;
      }
      for (int i = 0; i < 4; i++) {
        long n = seq.incrementAndGet();
        double strike = 23_000 + 50 * (n % 20);
        double sigma = 0.12 + 0.001 * (n % 20);
        String key = "NSE_FO|" + (5000 + n % 20);
        sigmaByKey.put(key + "#" + n, sigma);
        double price = Black76.price(FORWARD, strike, years, sigma, 0.10, true);
        Tick tick = Tick.newBuilder().setInstrumentKey(key).setSymbol("NIFTY").setKind(InstrumentKind.CALL)
            .setStrike(strike).setExpiryEpochDay(IstTime.epochDay(EXPIRY)).setLastPrice(price)
            .setExchangeTimeMs(EXCHANGE_TIME + n).setSequence(n).setForward(FORWARD).setUnderlyingPrice(23_690)
            .setForwardSource(ForwardSource.SYNTHETIC).build();
        feed.eventBus().send(Addresses.GREEKS_COMPUTE, tick);
      }
    });
    bothBusy.get(JOIN_SECONDS, TimeUnit.SECONDS);
    feed.cancelTimer(timer);

    assertThat(firstPublished.get()).isPositive();
    assertThat(secondPublished.get()).isPositive();
    assertThat(received).isNotEmpty();
    for (JsonObject u : received) {
      double expected = sigmaByKey.get(u.getString("instrumentKey") + "#" + u.getLong("sequence"));
      assertThat(u.getString("ivStatus")).isEqualTo("OK");
      assertThat(u.getDouble("iv")).isCloseTo(expected, within(1e-12));
    }
    JsonArray snapshot = await(feed.eventBus().<JsonArray>request(Addresses.GREEKS_SNAPSHOT,
        new JsonObject().put("symbol", "NIFTY"))).body();
    assertThat(snapshot).isNotEmpty();
    assertThat(snapshot.getJsonObject(0).getString("symbol")).isEqualTo("NIFTY");
  }
}
