package org.optionstream.pcr.leader;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Lock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.optionstream.common.cluster.ClusterMembership;
import org.optionstream.pcr.aggregate.ExpiryKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One leader per underlying+expiry across the cluster: the instance holding the cluster-wide lock
 * {@code <prefix><symbol>/<expiry>} (Vert.x shared data; with the Hazelcast cluster manager an
 * {@code IMap} lock, which Hazelcast releases when its holder's member leaves or is declared dead
 * after {@code hazelcast.max.no.heartbeat.seconds}) is the only publisher of that key. Every other
 * instance keeps trying with a bounded wait ({@code acquireTimeoutMs}, on a worker thread, as the
 * cluster manager does) and a short pause ({@code retryDelayMs}) between tries, so it takes over a
 * moment after the lock is freed. Keys are independent: different instances may lead different ones.
 *
 * <p>Only a member in quorum ({@link ClusterMembership}) leads. A leader that drops out of quorum
 * (cut off by the network, resumed from a long pause to find the others gone, or being merged back
 * after a split) gives up every key at once and competes again once it is back in quorum, so the
 * side of a split that keeps the cluster has the only publisher, and after the merge exactly one
 * leader per key remains.
 *
 * <p>A per-Vertx local lock is taken before the cluster lock: Hazelcast's map lock is re-entrant
 * for its owning thread, so two pcr verticles of one process must not both reach it.
 *
 * <p>All methods run on the owning verticle's event loop.
 */
public final class LeaderElection {

  private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);

  private final Vertx vertx;
  private final String lockPrefix;
  private final long acquireTimeoutMs;
  private final long retryDelayMs;
  private final Consumer<ExpiryKey> onLeadership;
  private final Consumer<ExpiryKey> onRefused;
  private final ClusterMembership membership;
  private final Runnable stopWatching;
  private long stepDowns;

  private final Map<ExpiryKey, List<Lock>> held = new HashMap<>();
  private final Set<ExpiryKey> contending = new HashSet<>();
  private final Set<Long> retryTimers = new HashSet<>();
  private boolean closed;

  /**
   * @param lockPrefix       prefix of the lock names (every instance of a deployment must agree)
   * @param acquireTimeoutMs the longest one lock attempt waits, milliseconds
   * @param retryDelayMs     the pause between two attempts, milliseconds
   * @param onLeadership     called (on the event loop) when this instance becomes leader of a key
   * @param membership       whether this member may lead at all
   */
  public LeaderElection(Vertx vertx, String lockPrefix, long acquireTimeoutMs, long retryDelayMs,
      Consumer<ExpiryKey> onLeadership, ClusterMembership membership) {
    this(vertx, lockPrefix, acquireTimeoutMs, retryDelayMs, onLeadership, key -> { }, membership);
  }

  /**
   * @param onRefused called (on the event loop) each time an attempt at a key ends without the lead: the lock is
   *                  held elsewhere, or this member is out of quorum
   */
  public LeaderElection(Vertx vertx, String lockPrefix, long acquireTimeoutMs, long retryDelayMs,
      Consumer<ExpiryKey> onLeadership, Consumer<ExpiryKey> onRefused, ClusterMembership membership) {
    this.vertx = vertx;
    this.lockPrefix = lockPrefix;
    this.acquireTimeoutMs = acquireTimeoutMs;
    this.retryDelayMs = retryDelayMs;
    this.onLeadership = onLeadership;
    this.onRefused = onRefused;
    this.membership = membership;
    this.stopWatching = membership.onChange(vertx, this::membershipChanged);
  }

  /** How many times this instance gave up its keys for being out of quorum. */
  public long stepDowns() {
    return stepDowns;
  }

  private void membershipChanged() {
    if (closed || membership.inQuorum() || held.isEmpty()) {
      return;
    }
    List<ExpiryKey> keys = new ArrayList<>(held.keySet());
    held.values().forEach(locks -> locks.forEach(Lock::release));
    held.clear();
    stepDowns++;
    LOG.warn("gave up the lead of {}: {}", keys, membership.reason());
    keys.forEach(this::contend);
  }

  /** Starts competing for {@code key} unless already leading or competing (idempotent). */
  public void contend(ExpiryKey key) {
    if (closed || held.containsKey(key) || !contending.add(key)) {
      return;
    }
    LOG.info("contending for the lead of {}", key);
    attempt(key);
  }

  public boolean isLeader(ExpiryKey key) {
    return held.containsKey(key);
  }

  /** The keys this instance leads now. */
  public Set<ExpiryKey> leading() {
    return Set.copyOf(held.keySet());
  }

  /** The keys this instance is standby for (competing, not leading). */
  public Set<ExpiryKey> standingBy() {
    return Set.copyOf(contending);
  }

  public int leadingCount() {
    return held.size();
  }

  public boolean isClosed() {
    return closed;
  }

  private String lockName(ExpiryKey key) {
    return lockPrefix + key;
  }

  private void attempt(ExpiryKey key) {
    if (closed) {
      contending.remove(key);
      return;
    }
    if (!membership.inQuorum()) {
      onRefused.accept(key);
      retryLater(key);
      return;
    }
    String name = lockName(key);
    vertx.sharedData().getLocalLockWithTimeout(name + "/local", acquireTimeoutMs)
        .compose(local -> vertx.sharedData().getLockWithTimeout(name, acquireTimeoutMs)
            .<List<Lock>>map(cluster -> List.of(cluster, local))
            .onFailure(e -> local.release()))
        .onComplete(ar -> {
          if (ar.failed()) {
            if (closed) {
              contending.remove(key);
            } else {
              LOG.debug("{}: lock not acquired ({}), retrying", key, ar.cause().getMessage());
              onRefused.accept(key);
              retryLater(key);
            }
            return;
          }
          contending.remove(key);
          if (closed || !membership.inQuorum()) {
            ar.result().forEach(Lock::release);
            if (!closed) {
              onRefused.accept(key);
              contend(key);
            }
            return;
          }
          held.put(key, ar.result());
          LOG.info("now the leader of {}", key);
          onLeadership.accept(key);
        });
  }

  private void retryLater(ExpiryKey key) {
    long[] timer = new long[1];
    timer[0] = vertx.setTimer(retryDelayMs, id -> {
      retryTimers.remove(timer[0]);
      attempt(key);
    });
    retryTimers.add(timer[0]);
  }

  /** Stops competing and releases every lock held, so a standby takes over at once. */
  public Future<Void> close() {
    closed = true;
    stopWatching.run();
    retryTimers.forEach(vertx::cancelTimer);
    retryTimers.clear();
    List<ExpiryKey> released = new ArrayList<>(held.keySet());
    held.values().forEach(locks -> locks.forEach(Lock::release));
    held.clear();
    if (!released.isEmpty()) {
      LOG.info("released the lead of {}", released);
    }
    return Future.succeededFuture();
  }
}
