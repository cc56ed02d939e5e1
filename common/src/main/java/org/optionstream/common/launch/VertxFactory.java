package org.optionstream.common.launch;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.optionstream.common.codec.Codecs;
import org.optionstream.common.config.ClusterSettings;

/**
 * Creates the one Vertx instance of a process: clustered over Hazelcast (or local when
 * {@code CLUSTERED=false}), with the project's codecs registered exactly once.
 */
public final class VertxFactory {

  private VertxFactory() {
  }

  public static Future<Vertx> create(ClusterSettings settings) {
    return create(settings, new VertxOptions());
  }

  public static Future<Vertx> create(ClusterSettings settings, VertxOptions options) {
    if (!settings.clustered()) {
      return Future.succeededFuture(Codecs.register(Vertx.vertx(options)));
    }
    EventBusOptions bus = options.getEventBusOptions()
        .setHost(settings.eventBusHost())
        .setPort(settings.eventBusPort());
    if (settings.eventBusPublicHost() != null) {
      bus.setClusterPublicHost(settings.eventBusPublicHost());
    }
    var clusterManager = new HazelcastClusterManager(ClusterConfigLoader.load(settings));
    return Vertx.builder()
        .with(options)
        .withClusterManager(clusterManager)
        .buildClustered()
        .map(Codecs::register);
  }
}
