package org.optionstream.common.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Whether this process counts as part of the cluster, for the decisions a member of the minority
 * side of a split must not take: leading a key and receiving traffic.
 *
 * <p>A member is <em>in quorum</em> while it sees at least {@code HZ_QUORUM} members (itself
 * included) and is not being merged back after a split. When the network cuts a member off, or
 * a member resumes from a long pause (GC, SIGSTOP) to find the others gone, it sees fewer members
 * than the quorum within Hazelcast's failure-detection time and stops leading; the others, on the
 * side that still has the quorum, declare it dead and one of them takes over. When the split heals,
 * Hazelcast merges the smaller side into the larger ({@code MERGING}, then {@code MERGED}): while
 * that runs this member is out of quorum too, so a former leader never publishes beside the new
 * one. With {@code HZ_QUORUM} at 0 (the default) only the merge counts.
 *
 * <p>One instance per Vertx, found with {@link #of(Vertx)} (Vert.x local shared data); a local
 * (unclustered) Vertx is always in quorum.
 */
public final class ClusterMembership implements Shareable {

  private static final String MAP = "optionstream.cluster";
  private static final String KEY = "membership";
  private static final ClusterMembership STANDALONE = new ClusterMembership(0, 1);

  private final int quorum;
  private volatile int members;
  private volatile boolean merging;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  private ClusterMembership(int quorum, int members) {
    this.quorum = quorum;
    this.members = members;
  }

  /** Watches {@code hazelcast}'s membership for {@code vertx}; {@code quorum} members, 0 = any. */
  public static ClusterMembership install(Vertx vertx, HazelcastInstance hazelcast, int quorum) {
    ClusterMembership membership = new ClusterMembership(quorum, hazelcast.getCluster().getMembers().size());
    hazelcast.getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
        membership.membersNow(event.getMembers().size());
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        membership.membersNow(event.getMembers().size());
      }
    });
    hazelcast.getLifecycleService().addLifecycleListener(event -> {
      if (event.getState() == LifecycleEvent.LifecycleState.MERGING) {
        membership.merging = true;
        membership.changed();
      } else if (event.getState() == LifecycleEvent.LifecycleState.MERGED
          || event.getState() == LifecycleEvent.LifecycleState.MERGE_FAILED) {
        membership.merging = false;
        membership.membersNow(hazelcast.getCluster().getMembers().size());
      }
    });
    LocalMap<String, ClusterMembership> map = vertx.sharedData().getLocalMap(MAP);
    map.put(KEY, membership);
    return membership;
  }

  /** The membership installed for {@code vertx}, or an always-in-quorum one for a local Vertx. */
  public static ClusterMembership of(Vertx vertx) {
    LocalMap<String, ClusterMembership> map = vertx.sharedData().getLocalMap(MAP);
    ClusterMembership membership = map.get(KEY);
    return membership != null ? membership : STANDALONE;
  }

  public boolean inQuorum() {
    return !merging && members >= quorum;
  }

  /** Members this one sees, itself included. */
  public int members() {
    return members;
  }

  /** The fewest members a side needs ({@code HZ_QUORUM}); 0 = any. */
  public int quorum() {
    return quorum;
  }

  /** Why this member is out of quorum, or null when it is in quorum. */
  public String reason() {
    if (merging) {
      return "merging into the cluster after a split";
    }
    int seen = members;
    return seen < quorum ? "sees " + seen + " cluster member(s), fewer than HZ_QUORUM=" + quorum : null;
  }

  /**
   * Runs {@code action} on the calling verticle's context whenever {@link #inQuorum()} may have
   * changed; the returned handle stops it.
   */
  public Runnable onChange(Vertx vertx, Runnable action) {
    Context context = vertx.getOrCreateContext();
    Runnable listener = () -> context.runOnContext(ignored -> action.run());
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  private void membersNow(int count) {
    members = count;
    changed();
  }

  private void changed() {
    listeners.forEach(Runnable::run);
  }
}
