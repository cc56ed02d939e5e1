package org.optionstream.allinone;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.optionstream.alerts.AlertsMain;
import org.optionstream.common.config.ClusterSettings;
import org.optionstream.common.config.Env;
import org.optionstream.common.launch.ProcessServices;
import org.optionstream.common.launch.StageLauncher;
import org.optionstream.common.launch.StageLauncher.Stage;
import org.optionstream.gateway.GatewayMain;
import org.optionstream.greeks.GreeksMain;
import org.optionstream.history.HistoryMain;
import org.optionstream.pcr.PcrMain;

/**
 * The whole system in one JVM: greeks, pcr, history, alerts, the gateway, then the feed, deployed on one Vertx.
 * The feed runs on the Upstox simulator, started in this JVM ({@code FEED_SOURCE=simulator}, the default
 * here; see {@link FeedStages}), unless {@code FEED_SOURCE=upstox}. Local (not clustered) unless
 * {@code CLUSTERED=true}; the gateway serves the health and metrics endpoints, so no separate
 * management port is opened. This is what {@code ./run.sh} starts.
 */
public final class AllInOneMain {

  private AllInOneMain() {
  }

  /** {@code env} with this mode's defaults: local bus, no separate management server, the simulator's data. */
  public static Env defaults(Env env) {
    return env.with(Map.of(
        "CLUSTERED", env.string("CLUSTERED", "false"),
        "MGMT_PORT", env.string("MGMT_PORT", "-1"),
        "FEED_SOURCE", env.string("FEED_SOURCE", "simulator")));
  }

  /** Consumers first, the feed last, so the first ticks find every stage listening. */
  public static List<Stage> stages(Env env) {
    List<Stage> stages = new ArrayList<>();
    stages.addAll(GreeksMain.stages(env));
    stages.addAll(PcrMain.stages(env));
    stages.addAll(HistoryMain.stages(env));
    stages.addAll(AlertsMain.stages(env));
    stages.addAll(GatewayMain.stages(env));
    stages.addAll(FeedStages.of(env));
    return stages;
  }

  /** Starts everything on a new Vertx; for tests and embedding. */
  public static Future<ProcessServices> start(Env env) {
    Env effective = defaults(env);
    return StageLauncher.start(ClusterSettings.from(effective), stages(effective));
  }

  public static void main(String[] args) {
    Env env = defaults(Env.system());
    StageLauncher.run("optionstream", env, stages(env));
  }
}
