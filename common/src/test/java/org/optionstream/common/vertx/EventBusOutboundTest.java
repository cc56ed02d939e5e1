package org.optionstream.common.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optionstream.common.launch.ProcessServices;
import org.optionstream.common.launch.VertxFactory;
import org.optionstream.common.testing.Polling;
import org.optionstream.common.testing.TestClusters;

/**
 * Against the Vert.x in use: a member whose only event loop is stuck stops reading, and the sender's connection to
 * it is reported full once the bytes it was sent no longer fit (and not full again once it reads); a Vertx that
 * is not clustered has no connections.
 */
@ExtendWith(VertxExtension.class)
class EventBusOutboundTest {

  private static final String ADDRESS = "test.outbound";
  private final List<Vertx> members = new ArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void close() throws Exception {
    release.countDown();
    for (Vertx v : members) {
      v.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aLocalVertxHasNoConnections(Vertx vertx) {
    List<String> full = new ArrayList<>();
    EventBusOutbound outbound = EventBusOutbound.of(vertx);
    outbound.fullMembers(full);
    assertThat(outbound.size()).isZero();
    assertThat(full).isEmpty();
  }

  @Test
  @Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
  void theConnectionToAMemberThatStopsReadingIsReportedFullUntilItReadsAgain(VertxTestContext ctx) {
    TestClusters cluster = new TestClusters();
    Future.all(cluster.member(), VertxFactory.create(cluster.settings(), new VertxOptions().setEventLoopPoolSize(1)))
        .compose(started -> {
          Vertx sender = started.<ProcessServices>resultAt(0).vertx();
          Vertx reader = started.<ProcessServices>resultAt(1).vertx();
          members.add(sender);
          members.add(reader);
          CountDownLatch stuck = new CountDownLatch(1);
          return reader.eventBus().<Buffer>consumer(ADDRESS, message -> {
            if (stuck.getCount() > 0) {
              stuck.countDown();
              holdUntilReleased();
            }
          }).completion().map(v -> sender);
        })
        .compose(sender -> {
          EventBusOutbound outbound = EventBusOutbound.of(sender);
          Buffer chunk = Buffer.buffer(new byte[256 * 1024]);
          return sendUntil(sender, chunk, () -> fullCount(outbound) == 1, 2_000)
              .compose(v -> {
                release.countDown();
                return Polling.until(sender, () -> fullCount(outbound) == 0, 600, 50, "the connection never drained");
              })
              .map(v -> outbound);
        })
        .onComplete(ctx.succeeding(outbound -> ctx.verify(() -> {
          assertThat(outbound.size()).isEqualTo(1);
          ctx.completeNow();
        })));
  }

  private static int fullCount(EventBusOutbound outbound) {
    List<String> full = new ArrayList<>();
    outbound.fullMembers(full);
    return full.size();
  }

  /** Sends a chunk every timer tick until {@code done}, at most {@code chunks} of them. */
  private static Future<Void> sendUntil(Vertx vertx, Buffer chunk, java.util.function.BooleanSupplier done,
      int chunks) {
    if (done.getAsBoolean()) {
      return Future.succeededFuture();
    }
    if (chunks == 0) {
      return Future.failedFuture("the connection never filled up");
    }
    vertx.eventBus().send(ADDRESS, chunk);
    return vertx.timer(1).compose(t -> sendUntil(vertx, chunk, done, chunks - 1));
  }

  private void holdUntilReleased() {
    try {
      release.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
