package org.optionstream.history.store;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Literals for the SQL the history stage writes. Values reach SQL only through here, and only after the
 * request checks ({@code HistoryRequest}) admitted them: strings are quoted with quotes doubled,
 * timestamps are ISO-8601 UTC literals with microseconds, which QuestDB compares with TIMESTAMP columns
 * both embedded and over the PostgreSQL wire protocol.
 */
public final class SqlText {

  private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
      .withZone(java.time.ZoneOffset.UTC);

  private SqlText() {
  }

  /** {@code 'text'} with any quote doubled. */
  public static String string(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  /** {@code '2025-11-20T03:45:01.123000Z'} for epoch milliseconds. */
  public static String timestamp(long epochMs) {
    return "'" + MICROS.format(Instant.ofEpochMilli(epochMs)) + "'";
  }
}
