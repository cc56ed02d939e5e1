package org.optionstream.alerts.engine;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import org.optionstream.alerts.rule.MessageNumbers;
import org.optionstream.common.encoding.StreamingJson;

/**
 * The numbers of one JSON object read straight from its UTF-8 bytes with a streaming parser, without building a
 * tree: the numeric fields at the top level and one object deep, kept in flat arrays. The whole object is
 * checked as it is scanned, but only the numbers named in {@code fields} are converted, since turning decimal
 * text into a double is most of a scan's cost (even with {@link StreamingJson}'s fast parser); asked for another
 * field later, it scans the bytes again for every number. Values other than numbers (strings, arrays, deeper
 * objects) are skipped.
 *
 * <p>Not thread-safe: the engine's event loop reads it.
 */
public final class ScannedNumbers implements MessageNumbers {

  private static final int INITIAL_FIELDS = 8;

  private final byte[] bytes;
  private final int offset;
  private final int length;
  private Set<String> fields;
  private String[] outers = new String[INITIAL_FIELDS];
  private String[] names = new String[INITIAL_FIELDS];
  private double[] values = new double[INITIAL_FIELDS];
  private int count;

  private ScannedNumbers(byte[] bytes, int offset, int length, Set<String> fields) {
    this.bytes = bytes;
    this.offset = offset;
    this.length = length;
    this.fields = fields;
  }

  /**
   * Scans the JSON object at {@code bytes[offset, offset + length)}, which must not change afterwards.
   *
   * @param fields the names of the numbers to read (top level or one deep); null for all of them
   * @throws IllegalArgumentException when the bytes are not one well-formed JSON object
   */
  public static ScannedNumbers scan(byte[] bytes, int offset, int length, Set<String> fields) {
    ScannedNumbers numbers = new ScannedNumbers(bytes, offset, length, fields);
    numbers.scan();
    return numbers;
  }

  private void scan() {
    count = 0;
    try (JsonParser parser = StreamingJson.FACTORY.createParser(bytes, offset, length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("not a JSON object");
      }
      readObject(parser, null);
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException("content after the object");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed JSON: " + e.getMessage(), e);
    }
  }

  private void readObject(JsonParser parser, String outer) throws IOException {
    for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
        if (fields == null || fields.contains(name)) {
          add(outer, name, parser.getDoubleValue());
        }
      } else if (value == JsonToken.START_OBJECT && outer == null) {
        readObject(parser, name);
      } else {
        parser.skipChildren();
      }
    }
    if (parser.currentToken() != JsonToken.END_OBJECT) {
      throw new IllegalArgumentException("unterminated object");
    }
  }

  private void add(String outer, String name, double value) {
    if (count == names.length) {
      outers = Arrays.copyOf(outers, count * 2);
      names = Arrays.copyOf(names, count * 2);
      values = Arrays.copyOf(values, count * 2);
    }
    outers[count] = outer;
    names[count] = name;
    values[count] = value;
    count++;
  }

  @Override
  public double number(String outer, String field) {
    if (fields != null && !fields.contains(field)) {
      fields = null;
      scan();
    }
    for (int i = 0; i < count; i++) {
      if (field.equals(names[i]) && (outer == null ? outers[i] == null : outer.equals(outers[i]))) {
        return values[i];
      }
    }
    return Double.NaN;
  }
}
