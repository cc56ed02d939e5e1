package org.optionstream.common.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.splitbrainprotection.SplitBrainProtection;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Whether this process counts as part of the cluster, for the decisions a member of the minority
 * side of a split must not take: leading a key and receiving traffic.
 *
 * <p>A member is <em>in quorum</em> while it sees at least {@code HZ_QUORUM} members (itself
 * included), has heard a heartbeat from that many within {@value #QUORUM_HEARTBEAT_TOLERANCE_MS} ms
 * (Hazelcast's recently-active split-brain protection {@value #QUORUM_PROTECTION}), and is not
 * being merged back after a split. When the network cuts a member off, or a member resumes from a
 * long pause (GC, SIGSTOP) to find the others gone, the heartbeats stop and it is out of quorum
 * within about {@value #QUORUM_HEARTBEAT_TOLERANCE_MS} ms: it stops leading and reports not ready
 * long before Hazelcast's own view of the members shrinks (a cut-off member sees the others until
 * its mastership claims time out, 20 s and more); the others, on the side that still has the
 * quorum, declare it dead and one of them takes over. When the split heals,
 * Hazelcast merges the smaller side into the larger ({@code MERGING}, then {@code MERGED}): while
 * that runs this member is out of quorum too, so a former leader never publishes beside the new
 * one; a merge whose data part hangs counts only for a while after the member has rejoined
 * ({@link MergeProgress}). With {@code HZ_QUORUM} at 0 (the default) only the merge counts.
 *
 * <p>One instance per process, made where its Vertx is made ({@link #install} for a clustered one,
 * {@link #standalone()} for a local one, which is always in quorum) and handed to what needs it.
 */
public final class ClusterMembership {

  /** The Hazelcast split-brain protection {@code ClusterConfigLoader} adds when {@code HZ_QUORUM} is set. */
  public static final String QUORUM_PROTECTION = "optionstream-quorum";
  /**
   * A member counts towards the quorum while its last heartbeat is younger than this, ms:
   * heartbeats come every second, and Hazelcast drops a member after 5 s without one
   * ({@code cluster.xml}).
   */
  public static final int QUORUM_HEARTBEAT_TOLERANCE_MS = 4_000;
  /** How often the heartbeat protection is read, ms (Hazelcast re-evaluates it every second). */
  private static final long PROTECTION_POLL_MS = 500;

  private final int quorum;
  private final SplitBrainProtection heard;
  private volatile int members;
  private final MergeProgress merge = new MergeProgress();
  private volatile boolean heardQuorum;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  private ClusterMembership(int quorum, int members, SplitBrainProtection heard) {
    this.quorum = quorum;
    this.members = members;
    this.heard = heard;
    this.heardQuorum = heard == null || heard.hasMinimumSize();
  }

  /** Watches {@code hazelcast}'s membership for {@code vertx}; {@code quorum} members, 0 = any. */
  public static ClusterMembership install(Vertx vertx, HazelcastInstance hazelcast, int quorum) {
    SplitBrainProtection heard = quorum > 0
        ? hazelcast.getSplitBrainProtectionService().getSplitBrainProtection(QUORUM_PROTECTION) : null;
    ClusterMembership membership = new ClusterMembership(quorum, hazelcast.getCluster().getMembers().size(), heard);
    if (heard != null) {
      vertx.setPeriodic(PROTECTION_POLL_MS, id -> membership.readHeartbeats());
    }
    hazelcast.getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
        if (membership.merge.members(event.getMembers().size(), System.currentTimeMillis())) {
          // rejoined: if Hazelcast's data merge is still running when the grace ends, count this member in again
          vertx.setTimer(MergeProgress.REJOINED_GRACE_MS + 100, id -> membership.changed());
        }
        membership.membersNow(event.getMembers().size());
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        membership.membersNow(event.getMembers().size());
      }
    });
    hazelcast.getLifecycleService().addLifecycleListener(event -> {
      if (event.getState() == LifecycleEvent.LifecycleState.MERGING) {
        membership.merge.started();
        membership.changed();
      } else if (event.getState() == LifecycleEvent.LifecycleState.MERGED
          || event.getState() == LifecycleEvent.LifecycleState.MERGE_FAILED) {
        membership.merge.finished();
        membership.membersNow(hazelcast.getCluster().getMembers().size());
      }
    });
    return membership;
  }

  /** The membership of a local (unclustered) process: always in quorum. */
  public static ClusterMembership standalone() {
    return new ClusterMembership(0, 1, null);
  }

  public boolean inQuorum() {
    return !merging() && members >= quorum && heardQuorum;
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
    if (merging()) {
      return "merging into the cluster after a split";
    }
    int seen = members;
    if (seen < quorum) {
      return "sees " + seen + " cluster member(s), fewer than HZ_QUORUM=" + quorum;
    }
    return heardQuorum ? null : "heard heartbeats from fewer than HZ_QUORUM=" + quorum
        + " members (itself included) in the last " + QUORUM_HEARTBEAT_TOLERANCE_MS + " ms";
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

  private boolean merging() {
    return merge.merging(System.currentTimeMillis());
  }

  private void readHeartbeats() {
    boolean now = heard.hasMinimumSize();
    if (now != heardQuorum) {
      heardQuorum = now;
      changed();
    }
  }

  private void membersNow(int count) {
    members = count;
    changed();
  }

  private void changed() {
    listeners.forEach(Runnable::run);
  }
}
