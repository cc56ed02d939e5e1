package org.optionstream.feed;

import java.util.List;
import org.optionstream.common.config.Env;
import org.optionstream.common.launch.StageLauncher;
import org.optionstream.journal.JournalCli;

/**
 * The feed process: one {@link FeedVerticle}. With the first argument {@code journal} it is the journal tool
 * instead ({@link JournalCli}: {@code journal summary <file>}, {@code journal cut --from T --to T <in> <out>}).
 */
public final class FeedMain {

  private FeedMain() {
  }

  /** The feed's verticles, configured from {@code env} (also used by the all-in-one process). */
  public static List<StageLauncher.Stage> stages(Env env) {
    FeedConfig config = FeedConfig.from(env);
    return List.of(new StageLauncher.Stage("feed", services -> new FeedVerticle(config, services.health(),
        services.presence())));
  }

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("journal")) {
      System.exit(JournalCli.run(args, System.out, System.err));
    }
    StageLauncher.run("feed", Env.system(), stages(Env.system()));
  }
}
