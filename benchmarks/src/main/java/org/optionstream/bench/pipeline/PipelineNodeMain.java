package org.optionstream.bench.pipeline;

import io.vertx.core.ThreadingModel;
import java.util.ArrayList;
import java.util.List;
import org.optionstream.common.config.Env;
import org.optionstream.common.launch.StageLauncher;
import org.optionstream.common.launch.StageLauncher.Stage;
import org.optionstream.feed.FeedMain;
import org.optionstream.gateway.GatewayMain;
import org.optionstream.greeks.GreeksMain;
import org.optionstream.pcr.PcrMain;
import org.optionstream.simulator.UpstoxSimulatorMain;
import org.optionstream.common.config.RiskFreeRate;

/**
 * Process entry point of one system-under-test JVM started by {@link PipelineBench}; the argument
 * names its role:
 * <ul>
 *   <li>{@code single-pipeline}: greeks, pcr, gateway, the Upstox simulator and the feed on one Vertx (what
 *       all-in-one runs);</li>
 *   <li>{@code single-relay}: the same with greeks and pcr replaced by {@link GreeksRelayVerticle}
 *       and {@link PcrRelayVerticle};</li>
 *   <li>{@code greeks-relay}, {@code pcr-relay}: one relay alone, a cluster member in place of the
 *       greeks or pcr JVM.</li>
 * </ul>
 * Clustered or not, ports and everything else come from the environment, as for the stages' own mains.
 */
public final class PipelineNodeMain {

  /** The roles this main accepts. */
  public static final List<String> ROLES = List.of("single-pipeline", "single-relay", "greeks-relay", "pcr-relay");

  private PipelineNodeMain() {
  }

  public static List<Stage> stages(String role, Env env) {
    List<Stage> stages = new ArrayList<>();
    switch (role) {
      case "single-pipeline" -> {
        stages.addAll(GreeksMain.stages(env));
        stages.addAll(PcrMain.stages(env));
        stages.addAll(GatewayMain.stages(env));
        stages.addAll(UpstoxSimulatorMain.stages(env));
        stages.addAll(FeedMain.stages(env));
      }
      case "single-relay" -> {
        stages.add(greeksRelay(env));
        stages.add(pcrRelay(env));
        stages.addAll(GatewayMain.stages(env));
        stages.addAll(UpstoxSimulatorMain.stages(env));
        stages.addAll(FeedMain.stages(env));
      }
      case "greeks-relay" -> stages.add(greeksRelay(env));
      case "pcr-relay" -> stages.add(pcrRelay(env));
      default -> throw new IllegalArgumentException("role must be one of " + ROLES + ", got '" + role + "'");
    }
    return stages;
  }

  /** As many relay instances as the real stage would deploy ({@code GREEKS_INSTANCES}), on event loops as it runs. */
  private static Stage greeksRelay(Env env) {
    double rate = RiskFreeRate.from(env);
    return new Stage("greeks-relay", services -> new GreeksRelayVerticle(rate, services.health()),
        env.integer("GREEKS_INSTANCES", 1),
        ThreadingModel.EVENT_LOOP);
  }

  private static Stage pcrRelay(Env env) {
    double pcrPerSecond = env.decimal("PCR_MAX_RATE_PER_SECOND", 4);
    double oiPerSecond = env.decimal("PCR_OI_BY_STRIKE_MAX_RATE_PER_SECOND", 1);
    return new Stage("pcr-relay", services -> new PcrRelayVerticle(pcrPerSecond, oiPerSecond, services.health()));
  }

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: PipelineNodeMain <" + String.join("|", ROLES) + ">");
      System.exit(2);
    }
    Env env = Env.system();
    StageLauncher.run("bench-" + args[0], env, stages(args[0], env));
  }
}
