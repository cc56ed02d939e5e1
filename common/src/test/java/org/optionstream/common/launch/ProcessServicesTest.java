package org.optionstream.common.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.optionstream.common.management.ManagementChecks;
import org.optionstream.common.testing.TestClusters;

/**
 * Two processes in one JVM each have their own services: a check one registers, or one starting to drain,
 * never shows in the other's health.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProcessServicesTest {

  private final List<Vertx> opened = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (Vertx vertx : opened) {
      join(vertx.close());
    }
  }

  @Test
  void twoClusterMembersInOneJvmEachHaveTheirOwnHealthAndLifecycle() throws Exception {
    TestClusters cluster = new TestClusters();
    ProcessServices a = open(cluster.member());
    ProcessServices b = open(cluster.member());

    assertThat(a.isClustered()).isTrue();
    assertThat(b.isClustered()).isTrue();
    assertThat(a.clusterManager().getNodeId()).isNotEqualTo(b.clusterManager().getNodeId());
    assertThat(a.clusterManager().getNodes()).containsExactlyInAnyOrderElementsOf(b.clusterManager().getNodes());
    assertThat(a.membership()).isNotSameAs(b.membership());
    await(a.vertx(), "both members to see each other", () -> a.membership().members() == 2 && b.membership().members() == 2);

    assertSeparate(a, b);
    assertThat(checks(a)).containsKeys(ManagementChecks.CLUSTER, ManagementChecks.SERVING);
    assertThat(checks(b)).containsEntry(ManagementChecks.CLUSTER, true);
  }

  @Test
  void twoLocalVertxInOneJvmEachHaveTheirOwnHealthAndLifecycle() throws Exception {
    ProcessServices a = ProcessServices.local(opened(Vertx.vertx()));
    ProcessServices b = ProcessServices.local(opened(Vertx.vertx()));

    assertThat(a.isClustered()).isFalse();
    assertThat(a.clusterManager()).isNull();
    assertThat(a.membership().inQuorum()).isTrue();
    assertThat(a.presence().mayBeConsumed("anything")).isTrue();

    assertSeparate(a, b);
    assertThat(checks(a)).containsKey(ManagementChecks.SERVING).doesNotContainKey(ManagementChecks.CLUSTER);
  }

  /** A check registered on {@code b} and draining {@code a} each change only their own process's readiness. */
  private static void assertSeparate(ProcessServices a, ProcessServices b) throws Exception {
    assertThat(a.health()).isNotSameAs(b.health());
    assertThat(a.lifecycle()).isNotSameAs(b.lifecycle());
    assertThat(ready(a)).isTrue();
    assertThat(ready(b)).isTrue();

    b.health().readiness().register("only-b", promise -> promise.complete(Status.KO()));
    assertThat(ready(b)).as("b with its own failing check").isFalse();
    assertThat(ready(a)).as("a does not see b's check").isTrue();
    assertThat(checks(a)).doesNotContainKey("only-b");
    b.health().readiness().unregister("only-b");

    assertThat(a.lifecycle().beginDraining()).isTrue();
    assertThat(ready(a)).as("a draining").isFalse();
    assertThat(checks(a)).containsEntry(ManagementChecks.SERVING, false);
    assertThat(b.lifecycle().draining()).isFalse();
    assertThat(ready(b)).as("b still serving while a drains").isTrue();
    assertThat(join(b.health().liveness().checkStatus()).getUp()).isTrue();
  }

  private static boolean ready(ProcessServices process) throws Exception {
    return join(process.health().readiness().checkStatus()).getUp();
  }

  /** Whether each readiness check of {@code process} is UP, by name. */
  private static Map<String, Boolean> checks(ProcessServices process) throws Exception {
    Map<String, Boolean> byName = new HashMap<>();
    for (CheckResult check : join(process.health().readiness().checkStatus()).getChecks()) {
      byName.put(check.getId(), check.getUp());
    }
    return byName;
  }

  /** Waits until {@code condition} holds, checked on {@code vertx}'s timer, for at most 30 s. */
  private static void await(Vertx vertx, String what, BooleanSupplier condition) throws Exception {
    Promise<Void> met = Promise.promise();
    long timer = vertx.setPeriodic(1, 20, id -> {
      if (condition.getAsBoolean()) {
        met.tryComplete();
      }
    });
    try {
      met.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("timed out waiting for " + what, e);
    } finally {
      vertx.cancelTimer(timer);
    }
  }

  private ProcessServices open(Future<ProcessServices> starting) throws Exception {
    ProcessServices process = join(starting);
    opened.add(process.vertx());
    return process;
  }

  private Vertx opened(Vertx vertx) {
    opened.add(vertx);
    return vertx;
  }

  private static <T> T join(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
