package org.optionstream.common.launch;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.EnumSet;
import java.util.Set;
import org.optionstream.common.cluster.ClusterMembership;
import org.optionstream.common.cluster.RegistrationCachingClusterManager;
import org.optionstream.common.cluster.RegistrationRepair;
import org.optionstream.common.codec.Codecs;
import org.optionstream.common.config.ClusterSettings;
import org.optionstream.common.management.ManagementChecks;
import org.optionstream.common.management.ProcessMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the one Vertx instance of a process, with its {@link ProcessServices}: clustered over Hazelcast (or local when
 * {@code CLUSTERED=false}) with consumer lookups cached ({@link RegistrationCachingClusterManager}),
 * with the project's codecs registered exactly once, Micrometer metrics
 * (Vert.x, JVM and the stages' own meters; project timers as histograms, see
 * {@link ProcessMeterRegistry}) in a Prometheus registry that
 * {@link org.optionstream.common.metrics.StageMetrics#registry()} returns, and the default health
 * checks ({@link ManagementChecks}: event loop alive, not draining, and "cluster joined" when clustered);
 * a clustered one also watches its quorum ({@link ClusterMembership}) and keeps its own consumers
 * registered in the cluster ({@link RegistrationRepair}).
 */
public final class VertxFactory {

  /**
   * Netty property: the longest an event loop runs queued tasks before it serves its sockets again,
   * ms. Netty's default is 1,000: an event loop kept busy by tasks (a stage behind on its input) then
   * reads and writes its sockets once a second, and everything it publishes piles up in memory
   * meanwhile. 100 is the least Netty accepts.
   */
  public static final String TASK_QUANTUM_PROPERTY = "io.netty.eventLoop.maxTaskProcessingQuantumMs";
  static final String TASK_QUANTUM_MILLIS = "100";

  static {
    // Hazelcast reads this before it reads cluster.xml (early start-up messages), so set it here too.
    if (System.getProperty("hazelcast.logging.type") == null) {
      System.setProperty("hazelcast.logging.type", "slf4j");
    }
    // Read once, when Netty's event-loop class loads: before any Vertx exists.
    if (System.getProperty(TASK_QUANTUM_PROPERTY) == null) {
      System.setProperty(TASK_QUANTUM_PROPERTY, TASK_QUANTUM_MILLIS);
    }
  }

  /**
   * The labels Vert.x's meters carry: Vert.x's defaults without the HTTP method. Every distinct method
   * name a client sends ({@code M0000001 /x HTTP/1.1}, ...) would otherwise make meters that are never
   * freed, on every HTTP port of the process (a flood of made-up methods once filled a heap); the
   * status code says what the method said.
   */
  static final Set<Label> METER_LABELS = EnumSet.of(Label.HTTP_CODE, Label.POOL_TYPE, Label.POOL_NAME, Label.EB_SIDE);

  /**
   * How often each event-bus connection to another member is pinged, and how long the pong may take,
   * ms (Vert.x: 20,000 each). A connection that sat through a network cut stays open in TCP's
   * retransmission back-off; until a ping goes unanswered, everything sent on it is lost, so after
   * a healed split the gateway heard nothing for up to 40 s.
   */
  static final long EVENT_BUS_PING_MS = 2_000;

  /** Clustered starts tried before the process gives up. */
  static final int JOIN_ATTEMPTS = 3;

  private static final Logger LOG = LoggerFactory.getLogger(VertxFactory.class);

  private VertxFactory() {
  }

  public static Future<ProcessServices> create(ClusterSettings settings) {
    return create(settings, new VertxOptions());
  }

  public static Future<ProcessServices> create(ClusterSettings settings, VertxOptions options) {
    if (options.getMetricsOptions() == null || !options.getMetricsOptions().isEnabled()) {
      // Per-message event-bus meters cost ~380 ns a message (12-22 % of pipeline CPU in profiles), and the
      // worker-pool meters a timer sample per task, each message to a worker verticle being one (a fifth of
      // the greeks JVM's allocation at 20,000 ticks/s): the stages count their own ticks and updates instead.
      options.setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)
          .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS).addDisabledMetricsCategory(MetricsDomain.NAMED_POOLS)
          .setLabels(METER_LABELS));
    }
    // The registry is process-wide under Vert.x Micrometer's default name: a second Vertx in the
    // same JVM (tests, all-in-one) reuses the first one's registry and this one is discarded.
    var metrics = new MicrometerMetricsFactory(ProcessMeterRegistry.create());
    if (!settings.clustered()) {
      Vertx vertx = Vertx.builder().with(options).withMetrics(metrics).build();
      return Future.succeededFuture(ProcessServices.local(Codecs.register(vertx)));
    }
    EventBusOptions bus = options.getEventBusOptions()
        .setHost(settings.eventBusHost())
        .setPort(settings.eventBusPort())
        .setClusterPingInterval(EVENT_BUS_PING_MS)
        .setClusterPingReplyInterval(EVENT_BUS_PING_MS);
    if (settings.eventBusPublicHost() != null) {
      bus.setClusterPublicHost(settings.eventBusPublicHost());
    }
    return joinCluster(settings, options, metrics, 1);
  }

  /**
   * One clustered start, tried again up to {@value #JOIN_ATTEMPTS} times in all: a join Hazelcast gives up on
   * ({@code hazelcast.max.join.seconds} in {@code cluster.xml}) leaves no member behind, and a new one, with a new
   * member id, is let in where the old one stayed stuck (seen: a member starting while another was still being
   * admitted waited over two minutes for an answer from the master).
   */
  private static Future<ProcessServices> joinCluster(ClusterSettings settings, VertxOptions options,
                                           MicrometerMetricsFactory metrics, int attempt) {
    var clusterManager = new HazelcastClusterManager(ClusterConfigLoader.load(settings));
    var caching = new RegistrationCachingClusterManager(clusterManager);
    return Vertx.builder()
        .with(options)
        .withMetrics(metrics)
        .withClusterManager(caching)
        .buildClustered()
        .compose(vertx -> {
          var services = ProcessServices.clustered(vertx, clusterManager, caching, settings.quorum());
          MembershipLog.install(clusterManager.getHazelcastInstance());
          RegistrationRepair.start(vertx, caching, clusterManager.getHazelcastInstance());
          Codecs.register(vertx);
          return Future.succeededFuture(services);
        }, e -> {
          if (attempt >= JOIN_ATTEMPTS) {
            return Future.failedFuture(e);
          }
          LOG.warn("could not join cluster {} (attempt {} of {}): {}; trying again", settings.clusterName(), attempt,
              JOIN_ATTEMPTS, e.toString());
          return joinCluster(settings, options, metrics, attempt + 1);
        });
  }
}
