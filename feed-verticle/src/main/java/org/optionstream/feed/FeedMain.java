package org.optionstream.feed;

import java.util.List;
import org.optionstream.common.config.Env;
import org.optionstream.common.launch.StageLauncher;

/** The feed process: one {@link FeedVerticle} (which starts the Upstox simulator itself when no token is set). */
public final class FeedMain {

  private FeedMain() {
  }

  /** The feed's verticles, configured from {@code env} (also used by the all-in-one process). */
  public static List<StageLauncher.Stage> stages(Env env) {
    FeedConfig config = FeedConfig.from(env);
    return List.of(new StageLauncher.Stage("feed", () -> new FeedVerticle(config)));
  }

  public static void main(String[] args) {
    StageLauncher.run("feed", Env.system(), stages(Env.system()));
  }
}
