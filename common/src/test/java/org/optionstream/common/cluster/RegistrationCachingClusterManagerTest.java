package org.optionstream.common.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Completable;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.core.spi.cluster.RegistrationInfo;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.optionstream.common.launch.ClusterConfigLoader;
import org.optionstream.common.launch.ProcessServices;
import org.optionstream.common.testing.TestClusters;

/**
 * Publishing to an address nobody consumes must not cost a cluster lookup per message (the cause of
 * the clustered pipeline running out of heap), and a cached answer must never hide a consumer that
 * appears later, nor keep one that left.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RegistrationCachingClusterManagerTest {

  private static final String NOBODY = "test.nobody-consumes";
  private static final int PUBLISHES = 200;
  private final List<Vertx> members = new ArrayList<>();

  @AfterEach
  void closeMembers() throws Exception {
    for (Vertx member : members) {
      member.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void withoutTheCacheEveryPublishToAnAddressNobodyConsumesAsksTheCluster() throws Exception {
    TestClusters cluster = new TestClusters();
    AtomicInteger lookups = new AtomicInteger();
    AtomicInteger answered = new AtomicInteger();
    ClusterManager counted = countingLookups(new HazelcastClusterManager(ClusterConfigLoader.load(cluster.settings())),
        lookups, answered);
    Vertx bare = join(Vertx.builder().withClusterManager(counted).buildClustered());
    members.add(bare);
    member(cluster);

    int publishes = 50;
    for (int i = 1; i <= publishes; i++) {
      bare.runOnContext(v -> bare.eventBus().publish(NOBODY, "tick"));
      int expected = i;
      await("lookup " + i + " answered", () -> answered.get() == expected);
    }

    assertThat(lookups.get()).as("cluster lookups for %d publishes, each after the previous answer", publishes)
        .isEqualTo(publishes);
  }

  @Test
  void withTheCacheTheClusterIsAskedOnce() throws Exception {
    TestClusters cluster = new TestClusters();
    ProcessServices publisher = member(cluster);
    member(cluster);

    publishOneAMillisecondApart(publisher.vertx());

    assertThat(TestClusters.clusterManager(publisher).clusterLookups()).isEqualTo(1);
  }

  @Test
  void consumersThatComeAndGoAreSeenWhereNoConsumerWasCached() throws Exception {
    TestClusters cluster = new TestClusters();
    ProcessServices publisher = member(cluster);
    ProcessServices first = member(cluster);
    publishOneAMillisecondApart(publisher.vertx());
    RegistrationCachingClusterManager cache = TestClusters.clusterManager(publisher);
    assertThat(consumerNodes(cache)).isEmpty();

    AtomicInteger firstGot = new AtomicInteger();
    MessageConsumer<String> firstConsumer = first.vertx().eventBus().consumer(NOBODY, m -> firstGot.incrementAndGet());
    join(firstConsumer.completion());
    awaitDelivery(publisher.vertx(), firstGot);

    ProcessServices second = member(cluster);
    AtomicInteger secondGot = new AtomicInteger();
    join(second.vertx().eventBus().<String>consumer(NOBODY, m -> secondGot.incrementAndGet()).completion());
    awaitDelivery(publisher.vertx(), secondGot);
    assertThat(consumerNodes(cache)).containsExactlyInAnyOrder(nodeId(first), nodeId(second));

    join(firstConsumer.unregister());
    await("the unregistered consumer dropped", () -> consumerNodes(cache).equals(List.of(nodeId(second))));
    members.remove(second.vertx());
    join(second.vertx().close());
    await("the departed member's consumer dropped", () -> consumerNodes(cache).isEmpty());

    assertThat(cache.clusterLookups()).as("lookups that went to the cluster").isLessThanOrEqualTo(3);
  }

  /**
   * A publisher may skip a per-tick message nobody consumes ({@link ConsumerPresence}), but only while that is
   * known: before the first lookup the answer is yes, and a consumer that appears on another member turns it
   * back to yes, so the messages reach it; when the consumer leaves, the answer is no again.
   */
  @Test
  void consumerPresenceSaysNoOnlyWhileNobodyIsKnownToConsume() throws Exception {
    TestClusters cluster = new TestClusters();
    ProcessServices publisher = member(cluster);
    Vertx other = member(cluster).vertx();
    ConsumerPresence presence = publisher.presence();
    assertThat(presence.mayBeConsumed(NOBODY)).as("before any lookup").isTrue();

    publishOneAMillisecondApart(publisher.vertx());
    assertThat(presence.mayBeConsumed(NOBODY)).as("after the cluster said nobody consumes it").isFalse();
    assertThat(presence.mayBeConsumed("test.never-asked")).as("an address never asked about").isTrue();

    AtomicInteger got = new AtomicInteger();
    MessageConsumer<String> consumer = other.eventBus().consumer(NOBODY, m -> got.incrementAndGet());
    join(consumer.completion());
    await("the consumer on the other member seen", () -> presence.mayBeConsumed(NOBODY));
    awaitDelivery(publisher.vertx(), got);

    join(consumer.unregister());
    await("the consumer's departure seen", () -> !presence.mayBeConsumed(NOBODY));
    Vertx local = Vertx.vertx();
    members.add(local);
    assertThat(ProcessServices.local(local).presence().mayBeConsumed(NOBODY)).as("a local Vertx").isTrue();
  }

  /**
   * After a split heals, a merged member's consumers can be missing from the cluster's registry: the
   * member keeps running but nothing reaches it. Each process puts its own back by itself.
   */
  @Test
  void aConsumerTheClusterForgotIsRegisteredAgainWithoutARestart() throws Exception {
    TestClusters cluster = new TestClusters();
    ProcessServices publisher = member(cluster);
    ProcessServices receiver = member(cluster);
    AtomicInteger got = new AtomicInteger();
    join(receiver.vertx().eventBus().<String>consumer(NOBODY, m -> got.incrementAndGet()).completion());
    awaitDelivery(publisher.vertx(), got);
    RegistrationCachingClusterManager publisherView = TestClusters.clusterManager(publisher);

    TestClusters.hazelcast(receiver).getMultiMap("__vertx.subs").remove(NOBODY);
    await("the publisher to see no consumer", () -> consumerNodes(publisherView).isEmpty());

    awaitDelivery(publisher.vertx(), got);
    assertThat(consumerNodes(publisherView)).containsExactly(nodeId(receiver));
  }

  private void publishOneAMillisecondApart(Vertx publisher) throws Exception {
    Promise<Void> done = Promise.promise();
    AtomicInteger sent = new AtomicInteger();
    publisher.setPeriodic(1, id -> {
      publisher.eventBus().publish(NOBODY, "tick");
      if (sent.incrementAndGet() == PUBLISHES) {
        publisher.cancelTimer(id);
        done.complete();
      }
    });
    join(done.future());
  }

  /** Publishes every 20 ms until {@code received} moves; fails after 20 s (longer than a repair period). */
  private void awaitDelivery(Vertx publisher, AtomicInteger received) throws Exception {
    int before = received.get();
    long timer = publisher.setPeriodic(20, id -> publisher.eventBus().publish(NOBODY, "tick"));
    try {
      await("a publish delivered to the new consumer", () -> received.get() > before);
    } finally {
      publisher.cancelTimer(timer);
    }
  }

  private static List<String> consumerNodes(ClusterManager manager) {
    Promise<List<RegistrationInfo>> answer = Promise.promise();
    manager.getRegistrations(NOBODY, answer);
    return join(answer.future()).stream().map(RegistrationInfo::nodeId).toList();
  }

  private ProcessServices member(TestClusters cluster) {
    ProcessServices member = join(cluster.member());
    members.add(member.vertx());
    return member;
  }

  private static String nodeId(ProcessServices member) {
    return TestClusters.clusterManager(member).getNodeId();
  }

  private static <T> T join(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("did not complete: " + e, e);
    }
  }

  /** Checks {@code condition} every 10 ms on a member's timer until it holds; fails after 20 s. */
  private void await(String what, BooleanSupplier condition) {
    Vertx clock = members.get(0);
    Promise<Void> met = Promise.promise();
    long timer = clock.setPeriodic(0, 10, id -> {
      if (condition.getAsBoolean()) {
        met.tryComplete();
      }
    });
    try {
      met.future().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("timed out waiting for " + what, e);
    } finally {
      clock.cancelTimer(timer);
    }
  }


  /** A cluster manager that counts the consumer lookups Vert.x makes through it, and their answers. */
  @SuppressWarnings("unchecked")
  private static ClusterManager countingLookups(ClusterManager target, AtomicInteger lookups, AtomicInteger answered) {
    return (ClusterManager) Proxy.newProxyInstance(ClusterManager.class.getClassLoader(),
        new Class<?>[] {ClusterManager.class}, (proxy, method, args) -> {
          if (method.getName().equals("getRegistrations")) {
            lookups.incrementAndGet();
            Completable<List<RegistrationInfo>> caller = (Completable<List<RegistrationInfo>>) args[1];
            args[1] = (Completable<List<RegistrationInfo>>) (result, failure) -> {
              answered.incrementAndGet();
              caller.complete(result, failure);
            };
          }
          try {
            return method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
