package org.optionstream.greeks;

import io.vertx.core.ThreadingModel;
import java.util.List;
import org.optionstream.common.config.Env;
import org.optionstream.common.launch.StageLauncher;

/**
 * The greeks deployable: {@code GREEKS_INSTANCES} greeks verticles sharing {@code greeks.compute.batch}, each on
 * its own event loop. A batch is taken into the instance's conflating intake the moment its bytes are read, so
 * nothing queues in front of the intake: on a worker thread, batches waited in the worker's unbounded task queue
 * whenever pricing fell behind, unacknowledged, and every acknowledgement that came too late let the feed send
 * another batch (a greeks JVM out of heap within a minute of a cold start at 20,000 ticks/s). Pricing runs in short
 * slices with a timer between them ({@link GreeksVerticle}), so the loop keeps serving its sockets.
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
        ThreadingModel.EVENT_LOOP));
  }

  public static void main(String[] args) {
    Env env = Env.system();
    StageLauncher.run("greeks", env, stages(env));
  }
}
