package org.optionstream.simulator;

import java.util.List;
import java.util.Map;
import org.optionstream.common.config.Env;
import org.optionstream.common.launch.StageLauncher;

/**
 * The simulator as its own process ({@code ./run.sh --cluster}, a staging Deployment): one
 * {@link UpstoxSimulator} on {@code SIM_HOST:SIM_PORT} (default 127.0.0.1:8090), not a cluster member,
 * no management server unless {@code MGMT_PORT} is set. A feed uses it with {@code FEED_SOURCE=simulator}
 * and {@code UPSTOX_API_URL=http://<host>:<port>}.
 */
public final class UpstoxSimulatorMain {

  /** The simulator process's port when {@code SIM_PORT} is unset. */
  public static final int DEFAULT_PORT = 8090;

  private UpstoxSimulatorMain() {
  }

  /** {@code env} with this process's defaults: a fixed port, not clustered, no management server. */
  public static Env defaults(Env env) {
    return env.with(Map.of(
        "SIM_PORT", env.string("SIM_PORT", Integer.toString(DEFAULT_PORT)),
        "CLUSTERED", "false",
        "MGMT_PORT", env.string("MGMT_PORT", "-1")));
  }

  public static List<StageLauncher.Stage> stages(Env env) {
    SimulatorConfig config = SimulatorConfig.from(env);
    return List.of(new StageLauncher.Stage("upstox-simulator", services -> new UpstoxSimulator(config)));
  }

  public static void main(String[] args) {
    Env env = defaults(Env.system());
    StageLauncher.run("upstox-simulator", env, stages(env));
  }
}
