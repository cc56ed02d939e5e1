package org.optionstream.alerts.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Lock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntConsumer;
import org.optionstream.common.cluster.ClusterMembership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which alerts member evaluates which rules: the rules are spread over a fixed number of partitions, and the
 * member holding the cluster-wide lock {@code <prefix><partition>} (Vert.x shared data; with Hazelcast a
 * lock that is released when its holder's member leaves or is declared dead) evaluates that partition's
 * rules. Every member keeps trying for the partitions it does not hold, each attempt a bounded wait on a
 * worker thread, so a partition whose owner died is taken over within the cluster's failure detection plus
 * one retry. A member out of the cluster's quorum ({@link ClusterMembership}) gives every partition up.
 *
 * <p>Runs on the owning verticle's event loop.
 */
public final class PartitionOwnership {

  private static final Logger LOG = LoggerFactory.getLogger(PartitionOwnership.class);

  private final Vertx vertx;
  private final String lockPrefix;
  private final int partitions;
  private final long acquireTimeoutMs;
  private final long retryDelayMs;
  private final IntConsumer onAcquired;
  private final IntConsumer onLost;
  private final ClusterMembership membership;
  private final Map<Integer, Lock> held = new HashMap<>();
  private Runnable stopWatching = () -> { };
  private boolean closed;

  /**
   * @param acquireTimeoutMs the longest one lock attempt waits, milliseconds
   * @param retryDelayMs     the pause between two attempts, milliseconds
   * @param onAcquired       called when this member starts owning a partition
   * @param onLost           called when it stops owning one (out of quorum)
   */
  public PartitionOwnership(Vertx vertx, String lockPrefix, int partitions, long acquireTimeoutMs, long retryDelayMs,
      IntConsumer onAcquired, IntConsumer onLost, ClusterMembership membership) {
    this.vertx = vertx;
    this.lockPrefix = lockPrefix;
    this.partitions = partitions;
    this.acquireTimeoutMs = acquireTimeoutMs;
    this.retryDelayMs = retryDelayMs;
    this.onAcquired = onAcquired;
    this.onLost = onLost;
    this.membership = membership;
  }

  /** Starts competing for every partition. */
  public void start() {
    stopWatching = membership.onChange(vertx, this::membershipChanged);
    for (int p = 0; p < partitions; p++) {
      attempt(p);
    }
  }

  public int ownedCount() {
    return held.size();
  }

  private void membershipChanged() {
    if (closed || membership.inQuorum() || held.isEmpty()) {
      return;
    }
    LOG.warn("giving up alert partitions {}: {}", held.keySet(), membership.reason());
    for (Map.Entry<Integer, Lock> e : Map.copyOf(held).entrySet()) {
      held.remove(e.getKey());
      e.getValue().release();
      onLost.accept(e.getKey());
      retryLater(e.getKey());
    }
  }

  private void attempt(int partition) {
    if (closed) {
      return;
    }
    if (!membership.inQuorum()) {
      retryLater(partition);
      return;
    }
    vertx.sharedData().getLockWithTimeout(lockPrefix + partition, acquireTimeoutMs).onComplete(ar -> {
      if (ar.failed()) {
        retryLater(partition);
        return;
      }
      if (closed || !membership.inQuorum()) {
        ar.result().release();
        retryLater(partition);
        return;
      }
      held.put(partition, ar.result());
      LOG.info("now evaluating alert partition {}", partition);
      onAcquired.accept(partition);
    });
  }

  private void retryLater(int partition) {
    if (!closed) {
      vertx.setTimer(retryDelayMs, id -> attempt(partition));
    }
  }

  /** Stops competing and releases every partition, so another member takes them over at once. */
  public void close() {
    closed = true;
    stopWatching.run();
    held.values().forEach(Lock::release);
    held.clear();
  }
}
