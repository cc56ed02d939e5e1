package org.optionstream.history.store;

import io.vertx.core.Future;

/**
 * Runs one read-only SQL statement against the history tables, off the event loop: the embedded engine on
 * a worker thread, or a QuestDB server over the PostgreSQL wire protocol.
 */
public interface SqlReader {

  /** The statement's rows; at most {@code maxRows} (more fails the future with {@link TooManyRowsException}). */
  Future<QueryResult> query(String sql, int maxRows);

  /** A query whose answer would exceed the rows one answer may carry. */
  final class TooManyRowsException extends RuntimeException {
    public TooManyRowsException(int maxRows) {
      super("the answer has more than " + maxRows + " rows (HISTORY_MAX_ROWS): ask a shorter range or a larger bucket", null,
          false, false);
    }
  }
}
