package org.optionstream.common.launch;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.List;
import org.optionstream.common.config.Env;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process for {@link GracefulShutdownTest}: one stage whose {@code stop()} takes
 * {@code PROBE_STOP_MS} milliseconds of "in-flight work" and logs when it finished.
 */
public final class ShutdownProbeMain {

  private static final Logger LOG = LoggerFactory.getLogger(ShutdownProbeMain.class);

  private ShutdownProbeMain() {
  }

  static final class SlowStopVerticle extends VerticleBase {
    private final long stopMillis;

    SlowStopVerticle(long stopMillis) {
      this.stopMillis = stopMillis;
    }

    @Override
    public Future<?> start() {
      return vertx.eventBus().consumer("probe.work", msg -> msg.reply("ok")).completion();
    }

    @Override
    public Future<?> stop() {
      LOG.info("probe stage finishing in-flight work for {} ms", stopMillis);
      return vertx.timer(stopMillis).onSuccess(t -> LOG.info("probe stage stopped cleanly"));
    }
  }

  public static void main(String[] args) {
    Env env = Env.system();
    long stopMillis = env.longValue("PROBE_STOP_MS", 0);
    StageLauncher.run("probe", env, List.of(new StageLauncher.Stage("slow-stop", services -> new SlowStopVerticle(stopMillis))));
  }
}
