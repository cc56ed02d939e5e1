package org.optionstream.history.store;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/** QuestDB embedded in this JVM, on {@code HISTORY_DATA_DIR}: written through table writers, read on worker threads. */
public final class EmbeddedStore implements HistoryStore {

  private final Path dataDir;
  private final EmbeddedQuestDb db;
  private final EmbeddedSink sink;

  /** Opens the engine and creates the tables that are missing. Blocking. */
  public EmbeddedStore(Path dataDir, Vertx vertx) throws Exception {
    this.dataDir = dataDir;
    this.db = new EmbeddedQuestDb(dataDir, vertx);
    this.sink = new EmbeddedSink(db);
    try {
      sink.open();
    } catch (Exception e) {
      db.close();
      throw e;
    }
  }

  @Override
  public HistorySink sink() {
    return sink;
  }

  @Override
  public SqlReader reader() {
    return db;
  }

  @Override
  public JsonObject describe() {
    return new JsonObject().put("mode", "embedded").put("dataDir", dataDir.toAbsolutePath().normalize().toString());
  }

  @Override
  public void close() {
    db.close();
  }

  /** The engine, for statements the stage runs itself. */
  public EmbeddedQuestDb db() {
    return db;
  }
}
