package org.optionstream.common.launch;

import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.optionstream.common.config.ClusterSettings;
import org.optionstream.common.config.Env;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code main} of every deployable: creates the process's Vertx (joining the cluster unless
 * {@code CLUSTERED=false}), deploys the stage's verticles, and on SIGTERM undeploys them and leaves
 * the cluster before the JVM exits.
 */
public final class StageLauncher {

  private static final Logger LOG = LoggerFactory.getLogger(StageLauncher.class);

  /** One verticle to deploy, with how many instances. */
  public record Stage(String name, Supplier<? extends Deployable> verticle, int instances) {
    public Stage(String name, Supplier<? extends Deployable> verticle) {
      this(name, verticle, 1);
    }
  }

  private StageLauncher() {
  }

  /** Starts Vertx and deploys {@code stages} in order; the future fails if any deployment fails. */
  public static Future<Vertx> start(ClusterSettings cluster, List<Stage> stages) {
    return VertxFactory.create(cluster).compose(vertx -> deployAll(vertx, stages)
        .map(vertx)
        .recover(failure -> vertx.close().transform(closed -> Future.failedFuture(failure))));
  }

  public static Future<List<String>> deployAll(Vertx vertx, List<Stage> stages) {
    Future<List<String>> chain = Future.succeededFuture(new ArrayList<>());
    for (Stage stage : stages) {
      chain = chain.compose(ids -> vertx
          .deployVerticle(stage.verticle(), new DeploymentOptions().setInstances(stage.instances()))
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
   * and closes Vertx (verticles stopped, cluster left) when the JVM is asked to stop.
   */
  public static void run(String processName, Env env, List<Stage> stages) {
    long shutdownSeconds = env.longValue("SHUTDOWN_TIMEOUT_SECONDS", 20);
    ClusterSettings cluster = ClusterSettings.from(env);
    Vertx vertx;
    try {
      vertx = start(cluster, stages).toCompletionStage().toCompletableFuture().get();
    } catch (Exception e) {
      LOG.error("{} failed to start", processName, e);
      System.exit(1);
      return;
    }
    LOG.info("{} started ({})", processName, cluster.clustered() ? "cluster " + cluster.clusterName() : "local");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("{} stopping", processName);
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(shutdownSeconds, TimeUnit.SECONDS);
        LOG.info("{} stopped", processName);
      } catch (Exception e) {
        LOG.warn("{} did not stop cleanly within {} s", processName, shutdownSeconds, e);
      }
    }, processName + "-shutdown"));
  }
}
