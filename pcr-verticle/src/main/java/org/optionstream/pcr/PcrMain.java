package org.optionstream.pcr;

import java.util.List;
import org.optionstream.common.config.Env;
import org.optionstream.common.launch.StageLauncher;

/** The pcr deployable: one {@link PcrVerticle} per process, joined to the cluster. */
public final class PcrMain {

  private PcrMain() {
  }

  public static List<StageLauncher.Stage> stages(Env env) {
    PcrConfig config = PcrConfig.from(env);
    return List.of(new StageLauncher.Stage("pcr", services -> new PcrVerticle(config, services.health(),
        services.membership())));
  }

  public static void main(String[] args) {
    Env env = Env.system();
    StageLauncher.run("pcr", env, stages(env));
  }
}
