package org.optionstream.common.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.optionstream.common.config.ClusterSettings;
import org.optionstream.common.config.Env;
import org.optionstream.common.launch.ProcessServices;
import org.optionstream.common.launch.VertxFactory;
import org.optionstream.common.testing.TestClusters;

/** A member counts itself part of the cluster only while it sees {@code HZ_QUORUM} members. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterMembershipTest {

  @Test
  void aMemberLeftBelowTheQuorumIsOutOfItAndToldSo() throws Exception {
    TestClusters cluster = new TestClusters();
    ClusterSettings settings = ClusterSettings.from(new Env(cluster.env()).with(Map.of("HZ_QUORUM", "2")));
    ProcessServices firstProcess = join(VertxFactory.create(settings));
    Vertx first = firstProcess.vertx();
    try {
      ClusterMembership membership = firstProcess.membership();
      assertThat(membership.inQuorum()).as("alone, quorum 2").isFalse();
      assertThat(membership.reason()).isEqualTo("sees 1 cluster member(s), fewer than HZ_QUORUM=2");

      AtomicInteger changes = new AtomicInteger();
      first.runOnContext(v -> membership.onChange(first, changes::incrementAndGet));
      Vertx second = join(VertxFactory.create(settings)).vertx();
      await(first, "two members in quorum", () -> membership.inQuorum() && changes.get() > 0);
      assertThat(membership.reason()).isNull();

      join(second.close());
      await(first, "out of quorum again", () -> !membership.inQuorum());
      assertThat(membership.members()).isEqualTo(1);
    } finally {
      join(first.close());
    }
  }

  @Test
  void aLocalVertxIsAlwaysInQuorum() throws Exception {
    Vertx local = Vertx.vertx();
    try {
      assertThat(ProcessServices.local(local).membership().inQuorum()).isTrue();
    } finally {
      join(local.close());
    }
  }

  private static <T> T join(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private static void await(Vertx clock, String what, BooleanSupplier condition) throws Exception {
    Promise<Void> met = Promise.promise();
    long timer = clock.setPeriodic(0, 20, id -> {
      if (condition.getAsBoolean()) {
        met.tryComplete();
      }
    });
    try {
      met.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("timed out waiting for " + what, e);
    } finally {
      clock.cancelTimer(timer);
    }
  }
}
