package org.optionstream.history.store;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.optionstream.history.HistoryConfig;
import org.optionstream.history.ingest.WriteFailures;

/**
 * Where history lives: the rows' way in ({@link #sink()}, used by the writer thread only) and the way out
 * ({@link #reader()}, any thread). Embedded ({@link EmbeddedStore}) or a QuestDB server.
 */
public interface HistoryStore extends AutoCloseable {

  HistorySink sink();

  SqlReader reader();

  /** What {@code history.status} says about the store: its mode and anything it holds back. */
  JsonObject describe();

  /** Opens the store a configuration asks for. Blocking: called on a worker thread. */
  @FunctionalInterface
  interface Opener {
    HistoryStore open(Vertx vertx, HistoryConfig config, WriteFailures failures) throws Exception;
  }

  /** Releases the store; call after the writer thread has stopped. Blocking. */
  @Override
  void close();
}
