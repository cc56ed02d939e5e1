package org.optionstream.common.management;

import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.Status;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import org.optionstream.common.cluster.ClusterMembership;
import org.optionstream.common.health.StageHealth;

/**
 * The checks every process has regardless of its stages, registered once per Vertx:
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

  private static final Set<Vertx> WITH_DEFAULTS = Collections.newSetFromMap(new WeakHashMap<>());
  private static final Set<Vertx> WITH_CLUSTER = Collections.newSetFromMap(new WeakHashMap<>());

  private ManagementChecks() {
  }

  /** Registers the liveness and draining checks of {@code vertx} (idempotent). */
  public static void installDefaults(Vertx vertx) {
    synchronized (WITH_DEFAULTS) {
      if (!WITH_DEFAULTS.add(vertx)) {
        return;
      }
    }
    StageHealth health = StageHealth.of(vertx);
    ProcessLifecycle lifecycle = ProcessLifecycle.of(vertx);
    health.liveness().register(EVENT_LOOP, promise -> promise.complete(Status.OK()));
    health.readiness().register(SERVING, promise -> promise.complete(lifecycle.draining()
        ? Status.KO(new io.vertx.core.json.JsonObject().put("reason", "draining: shutting down"))
        : Status.OK()));
  }

  /** Registers the "cluster joined" readiness check for a clustered {@code vertx} (idempotent). */
  public static void installCluster(Vertx vertx, HazelcastClusterManager clusterManager,
      ClusterMembership membership) {
    installDefaults(vertx);
    synchronized (WITH_CLUSTER) {
      if (!WITH_CLUSTER.add(vertx)) {
        return;
      }
    }
    StageHealth.of(vertx).readiness().register(CLUSTER, promise -> {
      var instance = clusterManager.isActive() ? clusterManager.getHazelcastInstance() : null;
      if (instance == null || !instance.getLifecycleService().isRunning()) {
        promise.complete(Status.KO(new io.vertx.core.json.JsonObject().put("reason", "not a cluster member")));
        return;
      }
      if (!membership.inQuorum()) {
        promise.complete(Status.KO(new io.vertx.core.json.JsonObject()
            .put("reason", membership.reason())
            .put("nodeId", clusterManager.getNodeId())
            .put("members", membership.members())
            .put("quorum", membership.quorum())));
        return;
      }
      promise.complete(Status.OK(new io.vertx.core.json.JsonObject()
          .put("nodeId", clusterManager.getNodeId())
          .put("members", instance.getCluster().getMembers().size())
          .put("quorum", membership.quorum())));
    });
  }
}
