package org.optionstream.gateway.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optionstream.gateway.cache.Frame;
import org.optionstream.gateway.cache.GatewayCaches;

/**
 * The default fan-out (flush interval 0) writes an update on the next event-loop turn instead of
 * waiting for a timer, and coalesces what arrives within one turn, counting each replaced update once
 * per client that would have received it; after an expensive flush (a thousand clients) the next one
 * waits as long as that one took, carrying every update of the meantime.
 */
@ExtendWith(VertxExtension.class)
class FanoutTest {

  private final FanoutMeters meters = new FanoutMeters(new SimpleMeterRegistry(), () -> 0, () -> 0);

  private static Frame update(String key, long sequence) {
    return Frame.greeks(new JsonObject().put("instrumentKey", key).put("symbol", "NIFTY").put("expiry", "2025-11-27")
        .put("exchangeTimeMs", 1000L).put("sequence", sequence));
  }

  /** A client whose socket takes every write at once. */
  private static ClientSession client(List<Frame> written, FanoutMeters meters) {
    return client(written, meters, () -> { });
  }

  /** A client whose socket takes every write at once, running {@code onWrite} for each. */
  private static ClientSession client(List<Frame> written, FanoutMeters meters, Runnable onWrite) {
    ClientSink sink = new ClientSink() {
      @Override
      public Future<Void> write(Frame frame) {
        onWrite.run();
        written.add(frame);
        return Future.succeededFuture();
      }

      @Override
      public int size(Frame frame) {
        return 100;
      }

      @Override
      public void closeSlow(String reason) {
      }

      @Override
      public String transport() {
        return "test";
      }

      @Override
      public String describe() {
        return "test client";
      }
    };
    return new ClientSession(sink, f -> true, 1 << 20, 10_000, meters);
  }

  @Test
  void flushesOnTheNextLoopTurnAndCoalescesWithinOne(Vertx vertx, VertxTestContext ctx) {
    List<Frame> first = new CopyOnWriteArrayList<>();
    List<Frame> second = new CopyOnWriteArrayList<>();
    vertx.runOnContext(v -> {
      Fanout fanout = new Fanout(vertx, 0, meters::conflated, () -> 0L);
      GatewayCaches caches = new GatewayCaches(fanout::publish);
      fanout.start();
      fanout.add(client(first, meters), "websocket");
      fanout.add(client(second, meters), "websocket");
      caches.accept(update("A", 1));
      caches.accept(update("A", 2));
      caches.accept(update("B", 1));
      ctx.verify(() -> assertThat(first).isEmpty());
      vertx.runOnContext(next -> ctx.verify(() -> {
        // one turn later, well before any timer: the newest A and B, each client
        assertThat(first).extracting(Frame::key, Frame::sequence).containsExactly(
            org.assertj.core.groups.Tuple.tuple("A", 2L), org.assertj.core.groups.Tuple.tuple("B", 1L));
        assertThat(second).hasSize(2);
        assertThat(meters.conflatedCount()).isEqualTo(2.0);
        caches.accept(update("A", 3));
        vertx.runOnContext(last -> ctx.verify(() -> {
          assertThat(first).hasSize(3);
          assertThat(first.get(2).sequence()).isEqualTo(3L);
          fanout.stop();
          ctx.completeNow();
        }));
      }));
    });
  }

  @Test
  void afterAnExpensiveFlushTheNextWaitsAsLongAsItTookAndCarriesTheMeantime(Vertx vertx, VertxTestContext ctx) {
    long flushCostNanos = 30_000_000;
    AtomicLong clock = new AtomicLong();
    List<Frame> written = new CopyOnWriteArrayList<>();
    vertx.runOnContext(v -> {
      Fanout fanout = new Fanout(vertx, 0, meters::conflated, clock::get);
      GatewayCaches caches = new GatewayCaches(fanout::publish);
      fanout.start();
      // each write of this client costs the whole flush 30 ms on the fan-out's clock
      fanout.add(client(written, meters, () -> clock.addAndGet(flushCostNanos)), "websocket");
      caches.accept(update("A", 1));
      vertx.runOnContext(first -> ctx.verify(() -> {
        assertThat(written).as("the first flush: at once").hasSize(1);
        assertThat(fanout.nextFlushDelayNanos(clock.get())).isEqualTo(flushCostNanos);
        caches.accept(update("A", 2));
        caches.accept(update("B", 1));
        vertx.runOnContext(turn -> ctx.verify(() -> {
          assertThat(written).as("one turn later the next flush still waits").hasSize(1);
          vertx.setPeriodic(5, id -> {
            if (written.size() < 3) {
              return;
            }
            vertx.cancelTimer(id);
            ctx.verify(() -> assertThat(written).extracting(Frame::key, Frame::sequence).containsExactly(
                org.assertj.core.groups.Tuple.tuple("A", 1L), org.assertj.core.groups.Tuple.tuple("A", 2L),
                org.assertj.core.groups.Tuple.tuple("B", 1L)));
            fanout.stop();
            ctx.completeNow();
          });
        }));
      }));
    });
  }
}
