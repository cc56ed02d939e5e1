package org.optionstream.common.management;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.optionstream.common.cluster.ClusterMembership;
import org.optionstream.common.health.StageHealth;

/**
 * The checks every process has regardless of its stages, registered once per process, on its
 * {@link StageHealth}, where the process is made ({@link org.optionstream.common.launch.ProcessServices}):
 * <ul>
 *   <li>liveness {@value #EVENT_LOOP}: UP whenever an event loop runs the check (a blocked loop
 *       never answers, so the probe times out)</li>
 *   <li>readiness {@value #SERVING}: DOWN once SIGTERM started draining ({@link ProcessLifecycle})</li>
 *   <li>readiness {@value #CLUSTER} (clustered processes only): UP while this node is a running member
 *       of the Hazelcast cluster and in quorum ({@link ClusterMembership}); the data says how many
 *       members it sees</li>
 * </ul>
 */
public final class ManagementChecks {

  public static final String EVENT_LOOP = "event-loop";
  public static final String SERVING = "serving";
  public static final String CLUSTER = "cluster";

  private ManagementChecks() {
  }

  /** Registers the liveness and draining checks on {@code health}; once per process. */
  public static void installDefaults(StageHealth health, ProcessLifecycle lifecycle) {
    health.liveness().register(EVENT_LOOP, promise -> promise.complete(Status.OK()));
    health.readiness().register(SERVING, promise -> promise.complete(lifecycle.draining()
        ? Status.KO(new JsonObject().put("reason", "draining: shutting down"))
        : Status.OK()));
  }

  /** Registers the "cluster joined" readiness check of a clustered process on {@code health}; once per process. */
  public static void installCluster(StageHealth health, HazelcastClusterManager clusterManager,
      ClusterMembership membership) {
    health.readiness().register(CLUSTER, promise -> {
      var instance = clusterManager.isActive() ? clusterManager.getHazelcastInstance() : null;
      if (instance == null || !instance.getLifecycleService().isRunning()) {
        promise.complete(Status.KO(new JsonObject().put("reason", "not a cluster member")));
        return;
      }
      if (!membership.inQuorum()) {
        promise.complete(Status.KO(new JsonObject()
            .put("reason", membership.reason())
            .put("nodeId", clusterManager.getNodeId())
            .put("members", membership.members())
            .put("quorum", membership.quorum())));
        return;
      }
      promise.complete(Status.OK(new JsonObject()
          .put("nodeId", clusterManager.getNodeId())
          .put("members", instance.getCluster().getMembers().size())
          .put("quorum", membership.quorum())));
    });
  }
}
