package org.optionstream.history.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Rows encoded as InfluxDB line protocol, the text QuestDB ingests over HTTP ({@code POST /write}):
 * {@code table,symbol=value,... column=1.5,count=3i,text="a b" <nanoseconds>\n}. A NaN double or a null
 * value is left out (the column is null). The encoded bytes are what the server receives and what the
 * spool keeps, byte for byte. Not thread-safe (one per writer thread).
 */
public final class IlpLines {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
  private final StringBuilder line = new StringBuilder(512);
  private boolean firstField;
  private int rows;

  /** Starts a row of {@code table}; symbols, then fields, then {@link #at}. */
  public IlpLines table(String table) {
    line.setLength(0);
    escapeName(table);
    firstField = true;
    return this;
  }

  /** A symbol (tag) column; null is left out. Symbols come before every other column. */
  public IlpLines symbol(String name, String value) {
    if (value != null) {
      line.append(',');
      escapeName(name);
      line.append('=');
      escapeName(value);
    }
    return this;
  }

  public IlpLines doubleColumn(String name, double value) {
    if (Double.isFinite(value)) {
      field(name).append(value);
    }
    return this;
  }

  /** A LONG column; {@link Long#MIN_VALUE} (QuestDB's null) is left out. */
  public IlpLines longColumn(String name, long value) {
    if (value != Long.MIN_VALUE) {
      field(name).append(value).append('i');
    }
    return this;
  }

  /** A TIMESTAMP column from epoch milliseconds; 0 or less is left out. */
  public IlpLines timestampColumn(String name, long epochMs) {
    if (epochMs > 0) {
      field(name).append(epochMs * 1000).append('t');
    }
    return this;
  }

  public IlpLines stringColumn(String name, String value) {
    if (value != null) {
      field(name).append('"');
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '"' || c == '\\') {
          line.append('\\');
        }
        line.append(c == '\n' || c == '\r' ? ' ' : c);
      }
      line.append('"');
    }
    return this;
  }

  /** Ends the row at {@code epochMs} (the designated timestamp). */
  public void at(long epochMs) {
    line.append(' ').append(epochMs * 1_000_000L).append('\n');
    byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
    out.write(bytes, 0, bytes.length);
    rows++;
  }

  /** Rows ended since the last {@link #reset()}. */
  public int rows() {
    return rows;
  }

  /** The encoded rows. */
  public byte[] toByteArray() {
    return out.toByteArray();
  }

  public void reset() {
    out.reset();
    rows = 0;
  }

  private StringBuilder field(String name) {
    line.append(firstField ? ' ' : ',');
    firstField = false;
    escapeName(name);
    return line.append('=');
  }

  /** Table names, column names and symbol values: space, comma, equals and backslash escaped. */
  private void escapeName(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' ' || c == ',' || c == '=' || c == '\\') {
        line.append('\\');
      }
      line.append(c == '\n' || c == '\r' ? ' ' : c);
    }
  }
}
