package org.optionstream.history.store;

import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.ColumnType;
import io.questdb.cairo.DefaultCairoConfiguration;
import io.questdb.cairo.TableToken;
import io.questdb.cairo.TableWriter;
import io.questdb.cairo.security.AllowAllSecurityContext;
import io.questdb.cairo.sql.Record;
import io.questdb.cairo.sql.RecordCursor;
import io.questdb.cairo.sql.RecordCursorFactory;
import io.questdb.cairo.sql.RecordMetadata;
import io.questdb.griffin.SqlException;
import io.questdb.griffin.SqlExecutionContext;
import io.questdb.griffin.SqlExecutionContextImpl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * QuestDB's engine running in this JVM on a data directory: the one place that speaks QuestDB's Java API.
 * Statements and reads may run on any thread (each gets its own execution context); a table's writer is
 * held by one thread at a time ({@link #writer}). Reads see what writers committed.
 */
public final class EmbeddedQuestDb implements SqlReader, AutoCloseable {

  private final CairoEngine engine;
  private final Vertx vertx;

  /** Opens (creating if needed) the engine on {@code dataDir}; {@code vertx} runs the reads on its worker pool. */
  public EmbeddedQuestDb(Path dataDir, Vertx vertx) throws IOException {
    Files.createDirectories(dataDir);
    QuestDbLog.errorsOnly();
    this.engine = new CairoEngine(new DefaultCairoConfiguration(dataDir.toAbsolutePath().toString()));
    this.vertx = vertx;
  }

  /** Runs a statement that returns no rows (DDL, ALTER). Blocking. */
  public void execute(String sql) throws SqlException {
    try (SqlExecutionContext context = context()) {
      engine.execute(sql, context);
    }
  }

  /** The writer of {@code table}, exclusive until closed (closing returns it to the engine's pool). Blocking. */
  public TableWriter writer(String table) {
    TableToken token = engine.getTableTokenIfExists(table);
    if (token == null) {
      throw new IllegalStateException("no table " + table);
    }
    return engine.getWriter(token, "history writer");
  }

  @Override
  public Future<QueryResult> query(String sql, int maxRows) {
    return vertx.executeBlocking(() -> select(sql, maxRows), false);
  }

  /** Runs a SELECT on the calling thread. Blocking. */
  public QueryResult select(String sql, int maxRows) throws SqlException {
    try (SqlExecutionContext context = context();
         RecordCursorFactory factory = engine.select(sql, context);
         RecordCursor cursor = factory.getCursor(context)) {
      RecordMetadata metadata = factory.getMetadata();
      int n = metadata.getColumnCount();
      List<String> names = new ArrayList<>(n);
      int[] types = new int[n];
      for (int i = 0; i < n; i++) {
        names.add(metadata.getColumnName(i));
        types[i] = ColumnType.tagOf(metadata.getColumnType(i));
      }
      List<Object[]> rows = new ArrayList<>();
      Record record = cursor.getRecord();
      while (cursor.hasNext()) {
        if (rows.size() == maxRows) {
          throw new TooManyRowsException(maxRows);
        }
        Object[] row = new Object[n];
        for (int i = 0; i < n; i++) {
          row[i] = value(record, i, types[i]);
        }
        rows.add(row);
      }
      return new QueryResult(names, rows);
    }
  }

  private static Object value(Record record, int column, int type) {
    switch (type) {
      case ColumnType.DOUBLE -> {
        double v = record.getDouble(column);
        return Double.isFinite(v) ? v : null;
      }
      case ColumnType.FLOAT -> {
        float v = record.getFloat(column);
        return Float.isFinite(v) ? (double) v : null;
      }
      case ColumnType.LONG -> {
        long v = record.getLong(column);
        return v == Long.MIN_VALUE ? null : v;
      }
      case ColumnType.INT -> {
        int v = record.getInt(column);
        return v == Integer.MIN_VALUE ? null : v;
      }
      case ColumnType.TIMESTAMP -> {
        long v = record.getTimestamp(column);
        return v == Long.MIN_VALUE ? null : Math.floorDiv(v, 1000L);
      }
      case ColumnType.SYMBOL -> {
        CharSequence v = record.getSymA(column);
        return v == null ? null : v.toString();
      }
      case ColumnType.STRING -> {
        CharSequence v = record.getStrA(column);
        return v == null ? null : v.toString();
      }
      case ColumnType.VARCHAR -> {
        var v = record.getVarcharA(column);
        return v == null ? null : v.toString();
      }
      default -> throw new IllegalStateException("column type " + ColumnType.nameOf(type) + " is not read here");
    }
  }

  private SqlExecutionContext context() {
    return new SqlExecutionContextImpl(engine, 1).with(AllowAllSecurityContext.INSTANCE);
  }

  @Override
  public void close() {
    engine.close();
  }
}
