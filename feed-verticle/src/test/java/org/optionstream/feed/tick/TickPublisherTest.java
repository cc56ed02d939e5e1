package org.optionstream.feed.tick;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optionstream.common.Addresses;
import org.optionstream.common.cluster.ConsumerPresence;
import org.optionstream.common.codec.Codecs;
import org.optionstream.common.tick.InstrumentKind;
import org.optionstream.common.tick.Tick;
import org.optionstream.common.tick.TickBatch;

/**
 * Work is not lost in a greeks instance that stopped answering: of two instances, one takes batches and
 * never acknowledges them (hung) until the cluster drops it (here: it unregisters after
 * {@value #HUNG_FOR_MS} ms); every batch still reaches the one that works, once.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class TickPublisherTest {

  private static final int BATCHES = 20;
  private static final long ACK_TIMEOUT_MS = 200;
  private static final long HUNG_FOR_MS = 300;

  @Test
  void batchesSentIntoAHungInstanceReachTheOtherOne(Vertx vertx, VertxTestContext ctx) {
    Codecs.register(vertx);
    AtomicInteger swallowed = new AtomicInteger();
    List<String> priced = new CopyOnWriteArrayList<>();
    MessageConsumer<TickBatch> hung = vertx.eventBus().consumer(Addresses.GREEKS_COMPUTE_BATCH,
        taken -> swallowed.incrementAndGet());
    hung.completion()
        .compose(v -> vertx.eventBus().<TickBatch>consumer(Addresses.GREEKS_COMPUTE_BATCH, working -> {
          working.reply(null);
          working.body().getTicksList().forEach(t -> priced.add(t.getInstrumentKey()));
          if (priced.size() == BATCHES) {
            ctx.verify(() -> {
              assertThat(priced).as("every batch's tick, once each").doesNotHaveDuplicates();
              assertThat(swallowed.get()).as("batches the hung instance took").isPositive();
            });
            ctx.completeNow();
          }
        }).completion())
        .onComplete(ctx.succeeding(v -> {
          vertx.setTimer(HUNG_FOR_MS, t -> hung.unregister());
          TickPublisher publisher = new TickPublisher(vertx.eventBus(), ConsumerPresence.local(), ACK_TIMEOUT_MS,
              TickPublisher.MAX_IN_FLIGHT_BATCHES);
          for (int i = 0; i < BATCHES; i++) {
            publisher.add(Tick.newBuilder().setInstrumentKey("NSE_FO|" + i).setKind(InstrumentKind.CALL).build());
            publisher.flush();
          }
        }));
  }
}
