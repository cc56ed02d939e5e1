package org.optionstream.history.store;

import java.util.List;

/**
 * The rows of one query: column names and, per row, values in column order. Timestamps are epoch
 * milliseconds ({@code Long}), numbers {@code Double}/{@code Long}/{@code Integer}, text {@code String};
 * SQL NULL (and QuestDB's NaN doubles) are {@code null}.
 */
public record QueryResult(List<String> columns, List<Object[]> rows) {

  public QueryResult {
    columns = List.copyOf(columns);
  }

  /** Index of {@code name}, or an exception naming it (a query and its reader disagree: a bug). */
  public int column(String name) {
    int i = columns.indexOf(name);
    if (i < 0) {
      throw new IllegalStateException("no column " + name + " in " + columns);
    }
    return i;
  }
}
