package org.optionstream.common.launch;

import io.vertx.core.Vertx;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.Objects;
import org.optionstream.common.cluster.ClusterMembership;
import org.optionstream.common.cluster.ConsumerPresence;
import org.optionstream.common.cluster.RegistrationCachingClusterManager;
import org.optionstream.common.health.StageHealth;
import org.optionstream.common.management.ManagementChecks;
import org.optionstream.common.management.ProcessLifecycle;

/**
 * One process's Vertx and what belongs to the process as a whole rather than to one verticle: its
 * health checks, its lifecycle (draining), its view of the cluster (quorum, consumer presence) and,
 * when clustered, the cluster manager its Vertx was built with. Made once, with the Vertx, by
 * {@link VertxFactory} (or by {@link #local} for a Vertx made elsewhere), with the
 * {@link ManagementChecks} registered on it; the stages get it ({@link StageLauncher.Stage}) and pass
 * each verticle the parts it uses. Two processes in one JVM (tests, benchmarks) thus never share any of it.
 *
 * @param clusterManager the cluster manager of a clustered process (the one its Vertx uses), null for a
 *     local one
 */
public record ProcessServices(Vertx vertx, StageHealth health, ProcessLifecycle lifecycle, ClusterMembership membership,
    ConsumerPresence presence, ClusterManager clusterManager) {

  public ProcessServices {
    Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(lifecycle, "lifecycle");
    Objects.requireNonNull(membership, "membership");
    Objects.requireNonNull(presence, "presence");
  }

  /** The services of a local (not clustered) {@code vertx}: its own health checks, always in quorum. */
  public static ProcessServices local(Vertx vertx) {
    StageHealth health = new StageHealth(vertx);
    ProcessLifecycle lifecycle = new ProcessLifecycle();
    ManagementChecks.installDefaults(health, lifecycle);
    return new ProcessServices(vertx, health, lifecycle, ClusterMembership.standalone(), ConsumerPresence.local(),
        null);
  }

  /**
   * The services of a clustered {@code vertx} built with {@code registrations} over {@code hazelcast}: its
   * own health checks, "cluster joined" among them, and its quorum of {@code quorum} members (0 = any)
   * watched.
   */
  public static ProcessServices clustered(Vertx vertx, HazelcastClusterManager hazelcast,
      RegistrationCachingClusterManager registrations, int quorum) {
    StageHealth health = new StageHealth(vertx);
    ProcessLifecycle lifecycle = new ProcessLifecycle();
    ClusterMembership membership = ClusterMembership.install(vertx, hazelcast.getHazelcastInstance(), quorum);
    ManagementChecks.installDefaults(health, lifecycle);
    ManagementChecks.installCluster(health, hazelcast, membership);
    return new ProcessServices(vertx, health, lifecycle, membership, ConsumerPresence.clustered(registrations),
        registrations);
  }

  /** Whether the process is a cluster member (it has a {@link #clusterManager()}). */
  public boolean isClustered() {
    return clusterManager != null;
  }
}
