package org.optionstream.common.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optionstream.common.Addresses;
import org.optionstream.common.encoding.JsonBytesWriter;
import org.optionstream.common.json.GreeksUpdateFrame;
import org.optionstream.common.json.GreeksUpdateFrames;
import org.optionstream.common.launch.ClusterConfigLoader;
import org.optionstream.common.launch.ProcessServices;
import org.optionstream.common.testing.TestClusters;
import org.optionstream.common.tick.ForwardSource;
import org.optionstream.common.tick.InstrumentKind;
import org.optionstream.common.tick.Tick;
import org.optionstream.common.tick.TickBatch;
import org.optionstream.common.tick.TickSource;

/**
 * The project's bodies (a {@link Tick}, a {@link TickBatch}, {@link GreeksUpdateFrames}, a
 * {@link GreeksUpdateFrame} on {@code greeks.update}) cross a real two-member Hazelcast cluster intact,
 * and only with the codecs registered.
 */
@ExtendWith(VertxExtension.class)
class ClusteredCodecsTest {

  private Vertx a;
  private Vertx b;

  static Tick sampleTick() {
    return Tick.newBuilder()
        .setInstrumentKey("NSE_FO|43885").setSymbol("NIFTY").setKind(InstrumentKind.CALL)
        .setStrike(23500).setExpiryEpochDay(20419).setLastPrice(123.45)
        .setExchangeTimeMs(1_763_610_301_123L).setSequence(42).setOpenInterest(1_234_500)
        .setPrevOpenInterest(1_200_000).setVolume(987_650).setBidPrice(123.4).setAskPrice(123.5)
        .setBidQty(750).setAskQty(1500).setClosePrice(110.2).setUnderlyingPrice(23512.3)
        .setForward(23530.1).setForwardSource(ForwardSource.SYNTHETIC).setAtmStrike(23500)
        .setWindowLowStrike(23000).setWindowHighStrike(24000).setStrikeStep(50).setLotSize(75)
        .setSource(TickSource.STREAM).setFeedReceivedAtMicros(1_763_610_301_125_000L)
        .build();
  }

  @AfterEach
  void closeMembers() throws Exception {
    for (Vertx v : new Vertx[] {a, b}) {
      if (v != null) {
        v.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  void tickPublishedOnOneMemberArrivesIntactOnTheOther(VertxTestContext ctx) {
    TestClusters cluster = new TestClusters();
    Tick sent = sampleTick();
    Future.all(cluster.member(), cluster.member())
        .compose(members -> {
          a = members.<ProcessServices>resultAt(0).vertx();
          b = members.<ProcessServices>resultAt(1).vertx();
          return b.eventBus().<Tick>consumer(Addresses.MARKET_TICKS, message -> ctx.verify(() -> {
            assertThat(message.body()).isEqualTo(sent);
            assertThat(message.body().hasPrevOpenInterest()).isTrue();
            ctx.completeNow();
          })).completion();
        })
        .onSuccess(registered -> a.setPeriodic(0, 200, id -> a.eventBus().publish(Addresses.MARKET_TICKS, sent)))
        .onFailure(ctx::failNow);
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void withoutTheCodecAClusteredBusRefusesATick(VertxTestContext ctx) {
    TestClusters cluster = new TestClusters();
    var manager = new HazelcastClusterManager(ClusterConfigLoader.load(cluster.settings()));
    Vertx.builder().withClusterManager(manager).buildClustered()
        .onFailure(ctx::failNow)
        .onSuccess(bare -> {
          a = bare;
          ctx.verify(() -> assertThatThrownBy(() -> bare.eventBus().publish(Addresses.MARKET_TICKS, sampleTick()))
              .isInstanceOf(IllegalArgumentException.class)
              .hasMessageContaining("No message codec"));
          Codecs.register(bare);
          bare.eventBus().publish(Addresses.MARKET_TICKS, sampleTick());
          ctx.completeNow();
        });
  }

  @Test
  void wireRoundTripKeepsEveryField() {
    ProtobufCodec<Tick> codec = new ProtobufCodec<>(Codecs.TICK, Tick.parser());
    io.vertx.core.buffer.Buffer buffer = io.vertx.core.buffer.Buffer.buffer().appendString("prefix");
    codec.encodeToWire(buffer, sampleTick());
    assertThat(codec.decodeFromWire(6, buffer)).isEqualTo(sampleTick());
    Tick tick = sampleTick();
    assertThat(codec.transform(tick)).as("local delivery shares the immutable tick").isSameAs(tick);
  }

  @Test
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  void aBatchOfTicksCrossesTheClusterInOrder(VertxTestContext ctx) {
    TestClusters cluster = new TestClusters();
    TickBatch sent = TickBatch.newBuilder()
        .addTicks(sampleTick())
        .addTicks(sampleTick().toBuilder().setInstrumentKey("NSE_FO|43886").setKind(InstrumentKind.PUT).setSequence(43))
        .addTicks(Tick.newBuilder().setInstrumentKey("NSE_INDEX|Nifty 50").setKind(InstrumentKind.INDEX).setLastPrice(23512.3))
        .build();
    Future.all(cluster.member(), cluster.member())
        .compose(members -> {
          a = members.<ProcessServices>resultAt(0).vertx();
          b = members.<ProcessServices>resultAt(1).vertx();
          return b.eventBus().<TickBatch>consumer(Addresses.MARKET_TICKS_BATCH, message -> ctx.verify(() -> {
            assertThat(message.body()).isEqualTo(sent);
            assertThat(message.body().getTicksList()).extracting(Tick::getInstrumentKey)
                .containsExactly("NSE_FO|43885", "NSE_FO|43886", "NSE_INDEX|Nifty 50");
            ctx.completeNow();
          })).completion();
        })
        .onSuccess(registered -> a.setPeriodic(0, 200, id -> a.eventBus().publish(Addresses.MARKET_TICKS_BATCH, sent)))
        .onFailure(ctx::failNow);
  }

  @Test
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  void framePublishedOnOneMemberArrivesIntactOnTheOther(VertxTestContext ctx) {
    TestClusters cluster = new TestClusters();
    GreeksUpdateFrames sent = GreeksUpdateFrames.of(GreeksUpdateFrame.of(GreeksUpdateFramesCodecTest.update(), new JsonBytesWriter()));
    Future.all(cluster.member(), cluster.member())
        .compose(members -> {
          a = members.<ProcessServices>resultAt(0).vertx();
          b = members.<ProcessServices>resultAt(1).vertx();
          return b.eventBus().<GreeksUpdateFrames>consumer(Addresses.GREEKS_UPDATE_FRAMES, message -> ctx.verify(() -> {
            GreeksUpdateFrame got = message.body().frames().get(0);
            GreeksUpdateFrame expected = sent.frames().get(0);
            assertThat(got.message()).isEqualTo(expected.message());
            assertThat(got.instrumentKey()).isEqualTo(expected.instrumentKey());
            assertThat(got.sequence()).isEqualTo(expected.sequence());
            ctx.completeNow();
          })).completion();
        })
        .onSuccess(registered -> a.setPeriodic(0, 200, id -> a.eventBus().publish(Addresses.GREEKS_UPDATE_FRAMES, sent)))
        .onFailure(ctx::failNow);
  }

  @Test
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  void greeksUpdatePublishedAsAFrameArrivesAsItsJsonDataOnTheOther(VertxTestContext ctx) {
    TestClusters cluster = new TestClusters();
    GreeksUpdateFrame sent = GreeksUpdateFrame.of(GreeksUpdateFramesCodecTest.update(), new JsonBytesWriter());
    Future.all(cluster.member(), cluster.member())
        .compose(members -> {
          a = members.<ProcessServices>resultAt(0).vertx();
          b = members.<ProcessServices>resultAt(1).vertx();
          return b.eventBus().<JsonObject>consumer(Addresses.GREEKS_UPDATE, message -> ctx.verify(() -> {
            assertThat(message.body()).isEqualTo(GreeksUpdateFramesCodecTest.update().toJson());
            ctx.completeNow();
          })).completion();
        })
        .onSuccess(registered -> a.setPeriodic(0, 200, id -> a.eventBus().publish(Addresses.GREEKS_UPDATE, sent)))
        .onFailure(ctx::failNow);
  }
}
