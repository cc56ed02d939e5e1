package org.optionstream.common.launch;

import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.optionstream.common.config.ClusterSettings;
import org.optionstream.common.config.Env;
import org.optionstream.common.management.ManagementServer;
import org.optionstream.common.management.ManagementSettings;
import org.optionstream.common.management.ProcessLifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code main} of every deployable: creates the process's Vertx and {@link ProcessServices} (joining the
 * cluster unless {@code CLUSTERED=false}), deploys the stage's verticles, opens the management server
 * ({@code MGMT_PORT}, see {@link ManagementSettings}) unless a stage already serves the management
 * routes, and stops gracefully on SIGTERM or SIGINT:
 * <ol>
 *   <li>readiness turns DOWN ({@link ProcessLifecycle#beginDraining()}),</li>
 *   <li>after {@code SHUTDOWN_DRAIN_MS} the stages are undeployed in reverse order, each verticle's
 *       {@code stop()} finishing its in-flight work (the feed unsubscribes and closes its socket),</li>
 *   <li>Vertx closes, leaving the Hazelcast cluster gracefully,</li>
 *   <li>the JVM exits 0; or 1 if all this did not finish within {@code SHUTDOWN_TIMEOUT_SECONDS}.</li>
 * </ol>
 */
public final class StageLauncher {

  private static final Logger LOG = LoggerFactory.getLogger(StageLauncher.class);

  /** Values {@code LOG_FORMAT} may take; logback.xml picks the appender of the same name. */
  public static final List<String> LOG_FORMATS = List.of("text", "json");

  /** Environment variables read by the launcher itself (besides ClusterSettings' and ManagementSettings'). */
  public static final List<String> VARIABLES = List.of("LOG_FORMAT", "LOG_LEVEL");

  /**
   * One verticle to deploy, with how many instances, on event loops or, for a stage whose work is
   * long stretches of computation, on worker threads ({@link ThreadingModel#WORKER}): each instance
   * still runs one task at a time, in order, and its event loop is left to move its sockets' bytes.
   * {@code verticle} makes each instance from the services of the process it is deployed in.
   */
  public record Stage(String name, Function<ProcessServices, ? extends Deployable> verticle, int instances,
      ThreadingModel threading) {
    public Stage(String name, Function<ProcessServices, ? extends Deployable> verticle, int instances) {
      this(name, verticle, instances, ThreadingModel.EVENT_LOOP);
    }

    public Stage(String name, Function<ProcessServices, ? extends Deployable> verticle) {
      this(name, verticle, 1);
    }
  }

  /**
   * A started process: its services (its Vertx among them), its deployments (in deploy order) and the
   * port of its management server (-1 when it has none).
   */
  public record Running(String processName, ProcessServices services, List<String> deploymentIds, int managementPort,
      ManagementSettings settings) {

    public Vertx vertx() {
      return services.vertx();
    }

    /**
     * The first part of the graceful stop: readiness DOWN, wait the drain delay, then undeploy the
     * stages in reverse order (each verticle's {@code stop()} finishes its in-flight work).
     */
    public Future<Void> drain() {
      if (services.lifecycle().beginDraining()) {
        LOG.info("{} draining: readiness DOWN, stopping in {} ms", processName, settings.drainDelayMillis());
      }
      Future<Void> drained = settings.drainDelayMillis() > 0
          ? vertx().timer(settings.drainDelayMillis()).mapEmpty()
          : Future.succeededFuture();
      return drained.compose(v -> undeployInReverse());
    }

    /**
     * The whole graceful stop, bounded by {@code timeoutSeconds}: {@link #drain()}, then Vertx closes
     * (leaving the Hazelcast cluster). Blocks: call it from a thread that is not a Vert.x thread
     * (Vertx.close() is called from here so its completion never waits on a closed event loop).
     * Returns true when everything completed in time.
     */
    public boolean stop(long timeoutSeconds) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
      try {
        try {
          drain().toCompletionStage().toCompletableFuture().get(remaining(deadline), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
          LOG.warn("{}: stopping the stages failed; closing anyway", processName, e.getCause());
        }
        vertx().close().toCompletionStage().toCompletableFuture().get(remaining(deadline), TimeUnit.NANOSECONDS);
        return true;
      } catch (TimeoutException e) {
        LOG.error("{} did not stop within {} s (SHUTDOWN_TIMEOUT_SECONDS)", processName, timeoutSeconds);
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } catch (ExecutionException e) {
        LOG.warn("{}: closing Vert.x failed", processName, e.getCause());
        return false;
      }
    }

    private static long remaining(long deadlineNanos) {
      return Math.max(0, deadlineNanos - System.nanoTime());
    }

    private Future<Void> undeployInReverse() {
      Vertx vertx = vertx();
      Future<Void> chain = Future.succeededFuture();
      for (int i = deploymentIds.size() - 1; i >= 0; i--) {
        String id = deploymentIds.get(i);
        chain = chain.compose(v -> vertx.deploymentIDs().contains(id)
            ? vertx.undeploy(id).recover(failure -> {
              LOG.warn("undeploying {} failed", id, failure);
              return Future.succeededFuture();
            })
            : Future.succeededFuture());
      }
      return chain;
    }
  }

  private StageLauncher() {
  }

  /**
   * Vert.x's options for a process running {@code stages}: enough event loops that every verticle
   * instance gets a loop of its own, with two to spare, rather than sharing one round-robin (the default is two per
   * core: four on a two-core machine,
   * fewer than the whole system needs in one JVM).
   */
  static VertxOptions optionsFor(List<Stage> stages) {
    int instances = stages.stream().mapToInt(Stage::instances).sum();
    return new VertxOptions().setEventLoopPoolSize(
        Math.max(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE, 2 * instances + 2));
  }

  /** Starts Vertx and deploys {@code stages} in order; the future fails if any deployment fails. */
  public static Future<ProcessServices> start(ClusterSettings cluster, List<Stage> stages) {
    return VertxFactory.create(cluster, optionsFor(stages)).compose(services -> deployAll(services, stages)
        .map(services)
        .recover(failure -> services.vertx().close().transform(closed -> Future.failedFuture(failure))));
  }

  /**
   * Starts Vertx, deploys {@code stages} in order and opens the management server if wanted
   * ({@link ManagementSettings#serverWanted(boolean)}); on failure everything started is closed.
   */
  public static Future<Running> launch(String processName, Env env, List<Stage> stages) {
    ManagementSettings management;
    ClusterSettings cluster;
    try {
      management = ManagementSettings.from(env);
      cluster = ClusterSettings.from(env);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return VertxFactory.create(cluster, optionsFor(stages)).compose(services -> deployAll(services, stages)
        .compose(ids -> {
          if (!management.serverWanted(services.lifecycle().managementRoutesMounted())) {
            return Future.succeededFuture(new Running(processName, services, List.copyOf(ids), -1, management));
          }
          return ManagementServer.start(services.vertx(), services.health(), services.lifecycle(), management.host(),
              management.port()).map(server -> {
                LOG.info("{} management server on {}:{} (/health/live, /health/ready, /metrics)",
                    processName, management.host(), server.actualPort());
                return new Running(processName, services, List.copyOf(ids), server.actualPort(), management);
              });
        })
        .recover(failure -> services.vertx().close().transform(closed -> Future.failedFuture(failure))));
  }

  /** Deploys {@code stages} in order on the Vertx of {@code services}; the future holds the deployment ids. */
  public static Future<List<String>> deployAll(ProcessServices services, List<Stage> stages) {
    Future<List<String>> chain = Future.succeededFuture(new ArrayList<>());
    for (Stage stage : stages) {
      chain = chain.compose(ids -> services.vertx()
          .deployVerticle(() -> stage.verticle().apply(services),
              new DeploymentOptions().setInstances(stage.instances()).setThreadingModel(stage.threading()))
          .map(id -> {
            LOG.info("deployed {} ({} instance{})", stage.name(), stage.instances(), stage.instances() == 1 ? "" : "s");
            ids.add(id);
            return ids;
          }));
    }
    return chain;
  }

  /**
   * Process entry point: runs {@code stages} from the environment, exits 1 when start-up fails,
   * and on SIGTERM/SIGINT stops gracefully and exits 0 (1 when the stop exceeded
   * {@code SHUTDOWN_TIMEOUT_SECONDS}). Any other JVM exit also runs the graceful stop (shutdown hook).
   */
  public static void run(String processName, Env env, List<Stage> stages) {
    String logFormat = env.string("LOG_FORMAT", "text");
    if (!LOG_FORMATS.contains(logFormat)) {
      // logback found no appender for it, so say it on stderr
      System.err.println("LOG_FORMAT must be one of " + LOG_FORMATS + ", got '" + logFormat + "'");
      System.exit(1);
      return;
    }
    Running running;
    try {
      running = launch(processName, env, stages).toCompletionStage().toCompletableFuture().get();
    } catch (Exception e) {
      LOG.error("{} failed to start", processName, e);
      System.exit(1);
      return;
    }
    ClusterSettings cluster = ClusterSettings.from(env);
    LOG.info("{} started ({})", processName, cluster.clustered() ? "cluster " + cluster.clusterName() : "local");

    long timeoutSeconds = running.settings().shutdownTimeoutSeconds();
    AtomicReference<CompletableFuture<Boolean>> stopping = new AtomicReference<>();
    Supplier<CompletableFuture<Boolean>> stopOnce = () -> {
      CompletableFuture<Boolean> mine = new CompletableFuture<>();
      if (!stopping.compareAndSet(null, mine)) {
        return stopping.get();
      }
      LOG.info("{} stopping (at most {} s)", processName, timeoutSeconds);
      boolean clean = running.stop(timeoutSeconds);
      if (clean) {
        LOG.info("{} stopped", processName);
      }
      mine.complete(clean);
      return mine;
    };
    Runnable onSignal = () -> {
      boolean clean = stopOnce.get().join();
      if (clean) {
        System.exit(0);
      } else {
        Runtime.getRuntime().halt(1);
      }
    };
    TerminationSignals.handle(TerminationSignals.STOP, signal -> new Thread(onSignal, processName + "-SIG" + signal).start());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        stopOnce.get().get(timeoutSeconds + 1, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("{} did not stop cleanly within {} s", processName, timeoutSeconds, e);
      }
    }, processName + "-shutdown"));
  }
}
