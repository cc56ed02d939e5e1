package org.optionstream.common.encoding;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes JSON text straight into a reusable UTF-8 byte array, for the messages published per tick:
 * no tree, no generator, one exact-size copy at the end ({@link #toByteArray()}). Doubles are written
 * as their shortest round-tripping decimal ({@link ShortestDecimal}: the text JDK 19+
 * {@code Double.toString} and Jackson's writer give), numbers without any intermediate string, and
 * non-finite doubles as {@code null}, as {@link JsonNumbers} prescribes. Commas are placed by the writer; objects
 * nest up to 16 deep. Not thread-safe: one
 * writer per event loop (or per verticle).
 */
public final class JsonBytesWriter {

  private static final int MAX_DEPTH = 16;
  /** "-9223372036854775807": sign and 19 digits. */
  private static final int MAX_LONG_LENGTH = 20;
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private byte[] bytes = new byte[1024];
  private int length;
  private int depth;
  /** Per open object: whether a member has been written (the next one needs a comma). */
  private final boolean[] hasMember = new boolean[MAX_DEPTH + 1];
  private boolean afterName;

  /** Starts a new document, keeping the buffer. */
  public JsonBytesWriter reset() {
    length = 0;
    depth = 0;
    hasMember[0] = false;
    afterName = false;
    return this;
  }

  public JsonBytesWriter beginObject() {
    beforeValue();
    if (depth == MAX_DEPTH) {
      throw new IllegalStateException("JSON nested deeper than " + MAX_DEPTH);
    }
    put((byte) '{');
    hasMember[++depth] = false;
    return this;
  }

  public JsonBytesWriter endObject() {
    put((byte) '}');
    depth--;
    return this;
  }

  /** The name of the next member of the current object. */
  public JsonBytesWriter name(String name) {
    if (hasMember[depth]) {
      put((byte) ',');
    }
    hasMember[depth] = true;
    quoted(name);
    put((byte) ':');
    afterName = true;
    return this;
  }

  /**
   * The name of the next member of the current object, already encoded by {@link #encodeName(String)}: the
   * same bytes as {@link #name(String)} writes, copied rather than escaped character by character.
   */
  public JsonBytesWriter name(byte[] encodedName) {
    if (hasMember[depth]) {
      put((byte) ',');
    }
    hasMember[depth] = true;
    put(encodedName);
    afterName = true;
    return this;
  }

  /** {@code name} quoted, escaped and followed by its colon, as {@link #name(byte[])} takes it. */
  public static byte[] encodeName(String name) {
    JsonBytesWriter w = new JsonBytesWriter();
    w.quoted(name);
    w.put((byte) ':');
    return w.toByteArray();
  }

  /** A string, or {@code null}. */
  public JsonBytesWriter value(String value) {
    beforeValue();
    if (value == null) {
      put(NULL);
    } else {
      quoted(value);
    }
    return this;
  }

  /** A double as its shortest round-tripping decimal; NaN and infinities as {@code null}. */
  public JsonBytesWriter value(double value) {
    beforeValue();
    if (!Double.isFinite(value)) {
      put(NULL);
    } else {
      ensure(ShortestDecimal.MAX_LENGTH);
      length = ShortestDecimal.write(value, bytes, length);
    }
    return this;
  }

  public JsonBytesWriter value(long value) {
    beforeValue();
    if (value == Long.MIN_VALUE) {
      ascii(Long.toString(value));
      return this;
    }
    ensure(MAX_LONG_LENGTH);
    if (value < 0) {
      bytes[length++] = '-';
      value = -value;
    }
    if (value == 0) {
      bytes[length++] = '0';
      return this;
    }
    // digits right-aligned in the reserved room, then moved to where the value starts
    int end = length + MAX_LONG_LENGTH - 1;
    int first = ShortestDecimal.digitsBackwards(value, bytes, end);
    System.arraycopy(bytes, first, bytes, length, end - first);
    length += end - first;
    return this;
  }

  /** An array of strings (none null). */
  public JsonBytesWriter value(java.util.List<String> values) {
    beforeValue();
    put((byte) '[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        put((byte) ',');
      }
      quoted(values.get(i));
    }
    put((byte) ']');
    return this;
  }

  public JsonBytesWriter field(String name, java.util.List<String> values) {
    return name(name).value(values);
  }

  public JsonBytesWriter field(String name, String value) {
    return name(name).value(value);
  }

  public JsonBytesWriter field(String name, double value) {
    return name(name).value(value);
  }

  public JsonBytesWriter field(String name, long value) {
    return name(name).value(value);
  }

  /** A copy of the document, exactly as long as it is. */
  public byte[] toByteArray() {
    return Arrays.copyOf(bytes, length);
  }

  @Override
  public String toString() {
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  private void beforeValue() {
    if (afterName) {
      afterName = false;
    } else if (depth > 0) {
      throw new IllegalStateException("a value inside an object needs a name first");
    }
  }

  private void quoted(String text) {
    int n = text.length();
    ensure(n + 2);
    byte[] b = bytes;
    int at = length;
    b[at++] = '"';
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
        // rare in these messages: escapes, and non-ASCII left to the JDK's encoder (surrogate pairs included)
        length = at;
        utf8Escaped(text.substring(i));
        put((byte) '"');
        return;
      }
      b[at++] = (byte) c;
    }
    b[at++] = '"';
    length = at;
  }

  private void utf8Escaped(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        escapedAscii(c);
      } else {
        int end = i + 1;
        while (end < text.length() && text.charAt(end) >= 0x80) {
          end++;
        }
        put(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end - 1;
      }
    }
  }

  private void escapedAscii(char c) {
    if (c >= 0x20 && c != '"' && c != '\\') {
      put((byte) c);
      return;
    }
    switch (c) {
      case '"' -> put(new byte[] {'\\', '"'});
      case '\\' -> put(new byte[] {'\\', '\\'});
      case '\n' -> put(new byte[] {'\\', 'n'});
      case '\r' -> put(new byte[] {'\\', 'r'});
      case '\t' -> put(new byte[] {'\\', 't'});
      default -> put(new byte[] {'\\', 'u', '0', '0', HEX[c >> 4], HEX[c & 0xF]});
    }
  }

  private void ascii(String text) {
    int n = text.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      bytes[length++] = (byte) text.charAt(i);
    }
  }

  private void put(byte b) {
    ensure(1);
    bytes[length++] = b;
  }

  private void put(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, bytes, length, b.length);
    length += b.length;
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}
