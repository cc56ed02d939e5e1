package org.optionstream.gateway.status;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.ClusterManager;
import java.util.ArrayList;
import java.util.List;
import org.optionstream.gateway.cache.Frame;
import org.optionstream.gateway.cache.GatewayCaches;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster membership as this gateway sees it, read from the cluster manager's node list every poll
 * interval (the cluster manager's node listener belongs to the event bus, so it is not replaced).
 * A change is published to the caches as {@code cluster_status}:
 * {@code {"clustered","members","nodeIds","self","changedAtMs"}}. Event-loop confined.
 */
public final class ClusterWatcher {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterWatcher.class);

  private final Vertx vertx;
  private final ClusterManager manager;
  private final GatewayCaches caches;
  private final long pollMs;
  private List<String> lastNodes;
  private long timerId = -1;

  /** Watches {@code manager}, the process's cluster manager, or null when the process is not clustered. */
  public ClusterWatcher(Vertx vertx, ClusterManager manager, GatewayCaches caches, long pollMs) {
    this.vertx = vertx;
    this.manager = manager;
    this.caches = caches;
    this.pollMs = pollMs;
  }

  public void start() {
    poll();
    timerId = vertx.setPeriodic(pollMs, id -> poll());
  }

  public void stop() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
  }

  private void poll() {
    List<String> nodes = new ArrayList<>();
    String self = null;
    if (manager != null) {
      nodes.addAll(manager.getNodes());
      nodes.sort(null);
      self = manager.getNodeId();
    }
    if (nodes.equals(lastNodes)) {
      return;
    }
    if (lastNodes != null) {
      LOG.info("cluster membership changed: {} -> {} members", lastNodes.size(), nodes.size());
    }
    lastNodes = nodes;
    JsonObject status = new JsonObject()
        .put("clustered", manager != null)
        .put("members", manager != null ? nodes.size() : 1)
        .put("nodeIds", new JsonArray(new ArrayList<>(nodes)))
        .put("self", self)
        .put("changedAtMs", System.currentTimeMillis());
    caches.accept(Frame.status(Frame.Kind.CLUSTER_STATUS, status));
  }
}
