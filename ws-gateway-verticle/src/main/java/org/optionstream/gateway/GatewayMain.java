package org.optionstream.gateway;

import java.util.List;
import org.optionstream.common.config.Env;
import org.optionstream.common.launch.StageLauncher;

/** Process entry point of the ws-gateway deployable. */
public final class GatewayMain {

  private GatewayMain() {
  }

  /** The gateway's verticles: one instance, which consumes each cluster address once and fans out locally. */
  public static List<StageLauncher.Stage> stages(Env env) {
    GatewayConfig config = GatewayConfig.from(env);
    return List.of(new StageLauncher.Stage("ws-gateway",
        services -> new GatewayVerticle(config, services.health(), services.lifecycle(), services.clusterManager())));
  }

  public static void main(String[] args) {
    // Env reads a blank value as unset, which would turn a blank token into an open gateway.
    GatewayConfig.rejectBlankToken(System.getenv("GATEWAY_TOKEN"));
    Env env = Env.system();
    StageLauncher.run("ws-gateway", env, stages(env));
  }
}
