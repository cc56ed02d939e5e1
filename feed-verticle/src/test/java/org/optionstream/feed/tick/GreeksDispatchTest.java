package org.optionstream.feed.tick;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optionstream.common.Addresses;
import org.optionstream.common.codec.Codecs;
import org.optionstream.common.tick.InstrumentKind;
import org.optionstream.common.tick.Tick;
import org.optionstream.common.tick.TickBatch;

/**
 * The feed's side of back-pressure towards greeks: a greeks that stops taking batches in holds the feed at
 * its in-flight limit, with one waiting tick per instrument (the newest), never a queue of every frame; when
 * greeks takes batches again it gets the newest tick of every instrument in one batch. A batch greeks keeps
 * refusing is tried the configured number of times per tick, then counted lost.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class GreeksDispatchTest {

  private static final int INSTRUMENTS = 10;

  private static TickBatch frame(int sequence) {
    TickBatch.Builder batch = TickBatch.newBuilder();
    for (int i = 0; i < INSTRUMENTS; i++) {
      batch.addTicks(Tick.newBuilder().setInstrumentKey("NSE_FO|" + i).setKind(InstrumentKind.CALL).setSequence(sequence));
    }
    return batch.build();
  }

  @Test
  void aGreeksThatStopsReadingHoldsTheFeedAtItsLimitWithTheNewestTickPerInstrument(Vertx vertx, VertxTestContext ctx) {
    Codecs.register(vertx);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    List<Message<TickBatch>> taken = new ArrayList<>();
    int maxInFlight = 4;
    int frames = 100;
    GreeksDispatch dispatch = new GreeksDispatch(vertx.eventBus(), 30_000, maxInFlight, 5, registry);
    vertx.eventBus().<TickBatch>consumer(Addresses.GREEKS_COMPUTE_BATCH, message -> {
      taken.add(message);
      if (taken.size() == maxInFlight) {
        ctx.verify(() -> {
          assertThat(dispatch.inFlight()).as("batches greeks was sent while it did not answer").isEqualTo(maxInFlight);
          assertThat(dispatch.backlog()).as("one waiting tick per instrument").isEqualTo(INSTRUMENTS);
          assertThat(registry.counter("optionstream.feed.greeks.ticks.conflated").count())
              .as("every tick of the frames that waited, but the last of each instrument")
              .isEqualTo((frames - maxInFlight) * INSTRUMENTS - INSTRUMENTS);
        });
        taken.get(0).reply(null);
      } else if (taken.size() == maxInFlight + 1) {
        ctx.verify(() -> {
          assertThat(message.body().getTicksList()).as("the caught-up batch").hasSize(INSTRUMENTS)
              .allSatisfy(tick -> assertThat(tick.getSequence()).isEqualTo(frames));
          assertThat(dispatch.backlog()).isZero();
          assertThat(dispatch.inFlight()).isEqualTo(maxInFlight);
          assertThat(registry.counter("optionstream.feed.greeks.ticks.lost").count()).isZero();
        });
        ctx.completeNow();
      }
    }).completion().onComplete(ctx.succeeding(registered -> {
      for (int sequence = 1; sequence <= frames; sequence++) {
        dispatch.send(frame(sequence));
      }
    }));
  }

  @Test
  void aBatchGreeksKeepsRefusingIsTriedTheConfiguredTimesPerTickThenCountedLost(Vertx vertx, VertxTestContext ctx) {
    Codecs.register(vertx);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AtomicInteger received = new AtomicInteger();
    int attempts = 3;
    vertx.eventBus().<TickBatch>consumer(Addresses.GREEKS_COMPUTE_BATCH, m -> {
      received.addAndGet(m.body().getTicksCount());
      m.fail(500, "refused");
    }).completion().onComplete(ctx.succeeding(registered -> {
      new GreeksDispatch(vertx.eventBus(), 30_000, 8, attempts, registry).send(frame(1));
      vertx.setPeriodic(20, id -> {
        if (registry.counter("optionstream.feed.greeks.ticks.lost").count() < INSTRUMENTS) {
          return;
        }
        vertx.cancelTimer(id);
        ctx.verify(() -> {
          assertThat(received.get()).as("each tick sent %d times", attempts).isEqualTo(attempts * INSTRUMENTS);
          assertThat(registry.counter("optionstream.feed.greeks.ticks.lost").count()).isEqualTo(INSTRUMENTS);
          assertThat(registry.counter("optionstream.feed.greeks.ticks.resent").count())
              .isEqualTo((attempts - 1) * INSTRUMENTS);
          assertThat(registry.counter("optionstream.feed.greeks.batch.failures", "reason", "recipient_failure").count())
              .isEqualTo(attempts);
        });
        ctx.completeNow();
      });
    }));
  }

  /**
   * The intermittent collapse of the clustered benchmark: greeks fell behind for a moment (JIT warm-up, a long
   * collection), acknowledgements came after the timeout, and every late batch was sent again whole, up to five
   * times, so greeks got more work the slower it was, until the feed's queue towards it filled its heap. A
   * greeks that acknowledges every batch late now gets each tick once, and the newest tick of every instrument;
   * only the newest ticks, which nothing newer replaced, are tried again (and, since this greeks is always
   * late, counted lost after their last attempt).
   */
  @Test
  void aGreeksThatAcknowledgesLateIsNotSentEveryBatchAgain(Vertx vertx, VertxTestContext ctx) {
    Codecs.register(vertx);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    int frames = 50;
    int attempts = 5;
    AtomicInteger received = new AtomicInteger();
    long[] newestReceived = new long[INSTRUMENTS];
    vertx.eventBus().<TickBatch>consumer(Addresses.GREEKS_COMPUTE_BATCH, m -> {
      received.addAndGet(m.body().getTicksCount());
      for (Tick tick : m.body().getTicksList()) {
        int instrument = Integer.parseInt(tick.getInstrumentKey().substring("NSE_FO|".length()));
        newestReceived[instrument] = Math.max(newestReceived[instrument], tick.getSequence());
      }
      vertx.setTimer(300, t -> m.reply(null));
    }).completion().onComplete(ctx.succeeding(registered -> {
      GreeksDispatch dispatch = new GreeksDispatch(vertx.eventBus(), 100, 128, attempts, registry);
      int[] sequence = {0};
      vertx.setPeriodic(10, id -> {
        dispatch.send(frame(++sequence[0]));
        if (sequence[0] == frames) {
          vertx.cancelTimer(id);
        }
      });
      vertx.setPeriodic(50, id -> {
        if (sequence[0] < frames || dispatch.inFlight() > 0 || dispatch.backlog() > 0) {
          return;
        }
        vertx.cancelTimer(id);
        ctx.verify(() -> {
          assertThat(newestReceived).as("the newest tick of every instrument reached greeks").containsOnly(frames);
          assertThat(received.get()).as("ticks greeks was given, against %d made", frames * INSTRUMENTS)
              .isEqualTo(frames * INSTRUMENTS + (attempts - 1) * INSTRUMENTS);
          assertThat(registry.counter("optionstream.feed.greeks.ticks.conflated").count())
              .as("late ticks a newer tick had already replaced").isEqualTo((frames - 1) * INSTRUMENTS);
          assertThat(registry.counter("optionstream.feed.greeks.ticks.lost").count()).isEqualTo(INSTRUMENTS);
        });
        ctx.completeNow();
      });
    }));
  }

  /** With no greeks in the cluster a batch is dropped and counted lost, and nothing waits to be sent again. */
  @Test
  void withNoGreeksABatchIsCountedLostAndNothingWaits(Vertx vertx, VertxTestContext ctx) {
    Codecs.register(vertx);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    GreeksDispatch dispatch = new GreeksDispatch(vertx.eventBus(), 30_000, 8, 5, registry);
    vertx.runOnContext(v -> {
      for (int sequence = 1; sequence <= 3; sequence++) {
        dispatch.send(frame(sequence));
      }
      vertx.setPeriodic(10, id -> {
        if (dispatch.inFlight() > 0) {
          return;
        }
        vertx.cancelTimer(id);
        ctx.verify(() -> {
          assertThat(registry.counter("optionstream.feed.greeks.ticks.lost").count()).isEqualTo(3 * INSTRUMENTS);
          assertThat(dispatch.backlog()).isZero();
          assertThat(registry.counter("optionstream.feed.greeks.batch.failures", "reason", "no_handlers").count())
              .isEqualTo(3);
        });
        ctx.completeNow();
      });
    });
  }
}
