package org.optionstream.history.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a QuestDB server over the PostgreSQL wire protocol (non-blocking, Vert.x's PostgreSQL client).
 * Timestamps come as UTC date-times and become epoch milliseconds, NaN doubles become null.
 */
public final class PgReader implements SqlReader, AutoCloseable {

  private final Pool pool;

  public PgReader(Vertx vertx, PgConnectOptions connect, int maxConnections) {
    this.pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(maxConnections)).connectingTo(connect).using(vertx).build();
  }

  @Override
  public Future<QueryResult> query(String sql, int maxRows) {
    return pool.query(sql).execute().map(rows -> result(rows, maxRows));
  }

  private static QueryResult result(RowSet<Row> rows, int maxRows) {
    if (rows.size() > maxRows) {
      throw new TooManyRowsException(maxRows);
    }
    List<Object[]> out = new ArrayList<>(rows.size());
    for (Row row : rows) {
      Object[] values = new Object[row.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = value(row.getValue(i));
      }
      out.add(values);
    }
    return new QueryResult(rows.columnsNames(), out);
  }

  private static Object value(Object v) {
    if (v instanceof LocalDateTime t) {
      return t.toInstant(ZoneOffset.UTC).toEpochMilli();
    }
    if (v instanceof OffsetDateTime t) {
      return t.toInstant().toEpochMilli();
    }
    if (v instanceof Double d) {
      return Double.isFinite(d) ? d : null;
    }
    if (v instanceof Float f) {
      return Float.isFinite(f) ? f.doubleValue() : null;
    }
    if (v instanceof Short s) {
      return s.intValue();
    }
    return v;
  }

  @Override
  public void close() {
    pool.close();
  }
}
