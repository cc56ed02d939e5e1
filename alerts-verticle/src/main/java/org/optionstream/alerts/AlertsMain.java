package org.optionstream.alerts;

import java.util.List;
import org.optionstream.common.config.Env;
import org.optionstream.common.launch.StageLauncher;

/** The alerts deployable: one {@link AlertsVerticle} per process, joined to the cluster. */
public final class AlertsMain {

  private AlertsMain() {
  }

  public static List<StageLauncher.Stage> stages(Env env) {
    AlertsConfig config = AlertsConfig.from(env);
    return List.of(new StageLauncher.Stage("alerts", services -> new AlertsVerticle(config, services.health(),
        services.membership())));
  }

  public static void main(String[] args) {
    Env env = Env.system();
    StageLauncher.run("alerts", env, stages(env));
  }
}
