package org.optionstream.common.cluster;

import io.vertx.core.Completable;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.shareddata.Counter;
import io.vertx.core.shareddata.Lock;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.core.spi.cluster.NodeInfo;
import io.vertx.core.spi.cluster.NodeListener;
import io.vertx.core.spi.cluster.RegistrationInfo;
import io.vertx.core.spi.cluster.RegistrationListener;
import io.vertx.core.spi.cluster.RegistrationUpdateEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link ClusterManager} that answers the event bus's "which nodes consume this address?" from a
 * cache kept current by the cluster's own registration events, and delegates everything else.
 *
 * <p>Vert.x keeps the consumers of an address only while there are some: for an address nobody
 * consumes, every {@code publish} or {@code send} asks the cluster manager again, and Hazelcast's
 * manager answers each question with a blocking map lookup on a worker thread, remote whenever
 * another member owns the address's partition. The per-tick addresses ({@code market.ticks},
 * {@code greeks.update}) often have no consumer, so at 20,000 ticks a second a stage asked the
 * cluster 20,000 times a second; when the partition was remote, the lookups fell behind, every
 * message waiting for one was held in memory, and the stage ran out of heap within seconds.
 * Here the first question per address goes to the cluster, and the answer (empty included) is
 * then replaced only by a registration event for that address, which the delegate delivers for
 * every address this cache {@linkplain RegistrationListener#wantsUpdatesFor wants}; losing the
 * registrations (a member left, a merge) empties the cache.
 *
 * <p>At most {@value #MAX_ADDRESSES} addresses are cached; questions about further addresses go to
 * the cluster as they did before.
 *
 * <p>It also remembers this node's own registrations, so {@link #restoreOwnRegistrations()} can put
 * back any the cluster lost (after a split heals, the merged side's consumers may be missing from
 * the cluster's registry, leaving the stage deaf).
 */
public final class RegistrationCachingClusterManager implements ClusterManager {

  /** Addresses whose consumers are cached; beyond this many, lookups are not cached. */
  public static final int MAX_ADDRESSES = 4096;

  private final ClusterManager delegate;
  private final ConcurrentMap<String, Entry> cache = new ConcurrentHashMap<>();
  private final AtomicLong clusterLookups = new AtomicLong();
  private final ConcurrentMap<String, Set<RegistrationInfo>> own = new ConcurrentHashMap<>();
  private volatile RegistrationListener listener;

  /** The consumers of one address as last known; null until the first answer. */
  private static final class Entry {
    /** Written under the entry's lock; volatile so {@link #knownUnconsumed} reads it without the lock. */
    private volatile List<RegistrationInfo> registrations;
    /** Incremented by every registration event, so an older lookup never overwrites a newer event. */
    private long version;
  }

  public RegistrationCachingClusterManager(ClusterManager delegate) {
    this.delegate = delegate;
  }

  /** The cluster manager this one wraps. */
  public ClusterManager delegate() {
    return delegate;
  }

  /**
   * Whether the cached registrations of {@code address} are known and empty (nobody consumes it). Asked per
   * tick, so it takes no lock.
   */
  public boolean knownUnconsumed(String address) {
    Entry entry = cache.get(address);
    List<RegistrationInfo> known = entry == null ? null : entry.registrations;
    return known != null && known.isEmpty();
  }

  /** How many consumer lookups went to the cluster (the rest came from the cache). */
  public long clusterLookups() {
    return clusterLookups.get();
  }

  @Override
  public void getRegistrations(String address, Completable<List<RegistrationInfo>> promise) {
    Entry entry = cache.get(address);
    if (entry == null && cache.size() < MAX_ADDRESSES) {
      entry = cache.computeIfAbsent(address, a -> new Entry());
    }
    long version = 0;
    if (entry != null) {
      synchronized (entry) {
        if (entry.registrations != null) {
          promise.succeed(entry.registrations);
          return;
        }
        version = entry.version;
      }
    }
    clusterLookups.incrementAndGet();
    Entry tracked = entry;
    long asked = version;
    delegate.getRegistrations(address, (result, failure) -> {
      if (failure != null) {
        promise.fail(failure);
        return;
      }
      List<RegistrationInfo> answer = result == null ? List.of() : List.copyOf(result);
      if (tracked != null) {
        synchronized (tracked) {
          if (tracked.version == asked) {
            tracked.registrations = answer;
          } else if (tracked.registrations != null) {
            answer = tracked.registrations;
          }
        }
      }
      promise.succeed(answer);
    });
  }

  @Override
  public void registrationListener(RegistrationListener registrationListener) {
    this.listener = registrationListener;
    delegate.registrationListener(new RegistrationListener() {
      @Override
      public void registrationsUpdated(RegistrationUpdateEvent event) {
        Entry entry = cache.get(event.address());
        if (entry != null) {
          List<RegistrationInfo> now = event.registrations() == null ? List.of() : List.copyOf(event.registrations());
          synchronized (entry) {
            entry.registrations = now;
            entry.version++;
          }
        }
        if (listener.wantsUpdatesFor(event.address())) {
          listener.registrationsUpdated(event);
        }
      }

      @Override
      public void registrationsLost() {
        cache.clear();
        listener.registrationsLost();
      }

      @Override
      public boolean wantsUpdatesFor(String address) {
        return cache.containsKey(address) || listener.wantsUpdatesFor(address);
      }
    });
  }

  @Override
  public void init(Vertx vertx) {
    delegate.init(vertx);
  }

  @Override
  public <K, V> void getAsyncMap(String name, Completable<AsyncMap<K, V>> promise) {
    delegate.getAsyncMap(name, promise);
  }

  @Override
  public <K, V> Map<K, V> getSyncMap(String name) {
    return delegate.getSyncMap(name);
  }

  @Override
  public void getLockWithTimeout(String name, long timeout, Completable<Lock> promise) {
    delegate.getLockWithTimeout(name, timeout, promise);
  }

  @Override
  public void getCounter(String name, Completable<Counter> promise) {
    delegate.getCounter(name, promise);
  }

  @Override
  public void nodeListener(NodeListener nodeListener) {
    delegate.nodeListener(nodeListener);
  }

  @Override
  public void setNodeInfo(NodeInfo nodeInfo, Completable<Void> promise) {
    delegate.setNodeInfo(nodeInfo, promise);
  }

  @Override
  public void join(Completable<Void> promise) {
    delegate.join(promise);
  }

  @Override
  public void leave(Completable<Void> promise) {
    delegate.leave(promise);
  }

  @Override
  public boolean isActive() {
    return delegate.isActive();
  }

  @Override
  public void addRegistration(String address, RegistrationInfo registrationInfo, Completable<Void> promise) {
    own.computeIfAbsent(address, a -> ConcurrentHashMap.newKeySet()).add(registrationInfo);
    delegate.addRegistration(address, registrationInfo, promise);
  }

  @Override
  public void removeRegistration(String address, RegistrationInfo registrationInfo, Completable<Void> promise) {
    own.computeIfPresent(address, (a, infos) -> {
      infos.remove(registrationInfo);
      return infos.isEmpty() ? null : infos;
    });
    delegate.removeRegistration(address, registrationInfo, promise);
  }

  /**
   * Compares this node's own registrations with the cluster's registry and adds back each one the
   * registry lacks; the future holds how many were added back.
   */
  public Future<Integer> restoreOwnRegistrations() {
    List<Future<Integer>> checks = new ArrayList<>();
    own.forEach((address, infos) -> checks.add(restore(address, Set.copyOf(infos))));
    return Future.all(checks).map(all -> {
      int restored = 0;
      for (int i = 0; i < all.size(); i++) {
        restored += all.<Integer>resultAt(i);
      }
      return restored;
    });
  }

  /** Adds every one of this node's registrations to the cluster's registry again; the future holds how many. */
  public Future<Integer> republishOwnRegistrations() {
    List<Future<Void>> adds = new ArrayList<>();
    own.forEach((address, infos) -> {
      for (RegistrationInfo info : Set.copyOf(infos)) {
        adds.add(addBack(address, info));
      }
    });
    return Future.all(adds).map(done -> adds.size());
  }

  private Future<Integer> restore(String address, Set<RegistrationInfo> mine) {
    Promise<List<RegistrationInfo>> registered = Promise.promise();
    delegate.getRegistrations(address, registered);
    return registered.future().compose(present -> {
      List<Future<Void>> adds = new ArrayList<>();
      for (RegistrationInfo info : mine) {
        if ((present == null || !present.contains(info)) && isOwn(address, info)) {
          adds.add(addBack(address, info));
        }
      }
      return Future.all(adds).map(done -> adds.size());
    });
  }

  /** Adds one own registration to the registry, undone if the consumer went away meanwhile. */
  private Future<Void> addBack(String address, RegistrationInfo info) {
    Promise<Void> added = Promise.promise();
    delegate.addRegistration(address, info, added);
    return added.future().compose(v -> isOwn(address, info) ? Future.succeededFuture() : removed(address, info));
  }

  private boolean isOwn(String address, RegistrationInfo info) {
    Set<RegistrationInfo> infos = own.get(address);
    return infos != null && infos.contains(info);
  }

  /** Undoes a restore that raced with the consumer's own removal. */
  private Future<Void> removed(String address, RegistrationInfo info) {
    Promise<Void> removed = Promise.promise();
    delegate.removeRegistration(address, info, removed);
    return removed.future();
  }

  @Override
  public String clusterHost() {
    return delegate.clusterHost();
  }

  @Override
  public String clusterPublicHost() {
    return delegate.clusterPublicHost();
  }

  @Override
  public String getNodeId() {
    return delegate.getNodeId();
  }

  @Override
  public NodeInfo getNodeInfo() {
    return delegate.getNodeInfo();
  }

  @Override
  public void getNodeInfo(String nodeId, Completable<NodeInfo> promise) {
    delegate.getNodeInfo(nodeId, promise);
  }

  @Override
  public List<String> getNodes() {
    return delegate.getNodes();
  }
}
