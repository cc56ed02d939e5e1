package org.optionstream.greeks;

import io.vertx.core.ThreadingModel;
import java.util.List;
import org.optionstream.common.config.Env;
import org.optionstream.common.launch.StageLauncher;

/**
 * The greeks deployable: {@code GREEKS_INSTANCES} greeks verticles sharing {@code greeks.compute.batch},
 * deployed as worker verticles. Pricing is long stretches of computation; on a worker thread it
 * leaves the process's event loops free to move bytes, among them the connection that carries the
 * updates to the gateways, which a busy event loop was seen to leave stuck.
 */
public final class GreeksMain {

  private GreeksMain() {
  }

  /**
   * The stages of one process (also used by the all-in-one module): its greeks instances share one
   * {@link GreeksBook}, so make the stages anew for each process.
   */
  public static List<StageLauncher.Stage> stages(Env env) {
    GreeksConfig config = GreeksConfig.from(env);
    GreeksBook book = new GreeksBook();
    return List.of(new StageLauncher.Stage("greeks",
        services -> new GreeksVerticle(config, book, services.health(), services.presence()), config.instances(),
        ThreadingModel.WORKER));
  }

  public static void main(String[] args) {
    Env env = Env.system();
    StageLauncher.run("greeks", env, stages(env));
  }
}
