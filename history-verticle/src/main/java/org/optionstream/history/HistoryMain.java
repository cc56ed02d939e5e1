package org.optionstream.history;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import org.optionstream.common.config.Env;
import org.optionstream.common.launch.StageLauncher;
import org.optionstream.history.store.EmbeddedStore;
import org.optionstream.history.ingest.WriteFailures;
import org.optionstream.history.store.HistoryStore;
import org.optionstream.history.store.ServerStore;

/** The history deployable: one {@link HistoryVerticle} per process, joined to the cluster. */
public final class HistoryMain {

  private HistoryMain() {
  }

  /** The stages of this process (also used by the all-in-one module). */
  public static List<StageLauncher.Stage> stages(Env env) {
    HistoryConfig config = HistoryConfig.from(env);
    return List.of(new StageLauncher.Stage("history",
        services -> new HistoryVerticle(config, services.health(), HistoryMain::openStore, Clock.systemUTC())));
  }

  /** The store {@code config} asks for: embedded unless {@code HISTORY_QUESTDB_URL} is set. Blocking. */
  static HistoryStore openStore(Vertx vertx, HistoryConfig config, WriteFailures failures) throws Exception {
    if (config.embedded()) {
      return new EmbeddedStore(config.dataDir(), vertx);
    }
    HistoryConfig.ServerSettings server = config.server();
    return new ServerStore(vertx, config.questdbUrl(), server.pgPort(), server.user(), server.password(),
        server.spoolDir(), server.spoolMaxBytes(), server.retryMs(), failures, Clock.systemUTC());
  }

  public static void main(String[] args) {
    Env env = Env.system();
    StageLauncher.run("history", env, stages(env));
  }
}
