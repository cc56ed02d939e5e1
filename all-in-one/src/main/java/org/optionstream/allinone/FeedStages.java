package org.optionstream.allinone;

import java.util.List;
import java.util.Map;
import org.optionstream.common.config.Env;
import org.optionstream.common.json.FeedSource;
import org.optionstream.common.launch.StageLauncher.Stage;
import org.optionstream.feed.FeedConfig;
import org.optionstream.feed.FeedMain;
import org.optionstream.feed.FeedVerticle;
import org.optionstream.simulator.SimulatorConfig;
import org.optionstream.simulator.UpstoxSimulator;

/**
 * The feed's stages in a process that may also host the Upstox simulator: with {@code FEED_SOURCE=simulator}
 * and no {@code UPSTOX_API_URL}, an {@link UpstoxSimulator} ({@code SIM_*}, any free port unless
 * {@code SIM_PORT}) followed by a feed pointed at it once it listens; the feed reaches it only through
 * the Upstox protocol on loopback. Otherwise the feed alone ({@link FeedMain#stages}).
 */
public final class FeedStages {

  private FeedStages() {
  }

  public static List<Stage> of(Env env) {
    if (FeedSource.parse(env.string("FEED_SOURCE", FeedSource.UPSTOX.wireName())) != FeedSource.SIMULATOR
        || env.raw("UPSTOX_API_URL") != null) {
      return FeedMain.stages(env);
    }
    UpstoxSimulator simulator = new UpstoxSimulator(SimulatorConfig.from(env));
    return List.of(
        new Stage("upstox-simulator", services -> simulator),
        // made when deployed, after the simulator: its port is known then
        new Stage("feed", services -> new FeedVerticle(FeedConfig.from(env.with(Map.of(
            "UPSTOX_API_URL", simulator.baseUrl(),
            "UPSTOX_INSTRUMENTS_URL", simulator.instrumentsUrl()))), services.health(), services.presence())));
  }
}
