package org.optionstream.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.optionstream.common.encoding.BinaryReader;
import org.optionstream.common.encoding.StreamingJson;

/**
 * Reads a {@code greeks_update}'s {@code data} object from its UTF-8 bytes (as {@link GreeksUpdateFrame} carries
 * them) straight into a {@link GreeksUpdate}, with a streaming parser: no JSON tree, only the update and its
 * strings are allocated. Members are read as {@link GreeksUpdate#DATA} describes them, so it gives the same update
 * as {@link GreeksUpdate#fromJson} on the parsed tree (a number published as null reads as NaN, an absent whole
 * number as 0); unknown members are skipped, so a newer publisher's extra fields do no harm. Thread-safe (its
 * reused state is per thread).
 */
public final class GreeksUpdateReader {

  /** The reader's state, one per thread, cleared per update: only the update itself is allocated for it. */
  private static final ThreadLocal<GreeksUpdate.Builder> STATE = ThreadLocal.withInitial(GreeksUpdate::builder);

  private GreeksUpdateReader() {
  }

  /**
   * The update whose {@code data} object is {@code bytes[offset, offset + length)}.
   *
   * @throws IllegalArgumentException when the bytes are not a JSON object, or {@code ivStatus} is missing or unknown
   */
  public static GreeksUpdate read(byte[] bytes, int offset, int length) {
    try (JsonParser p = StreamingJson.FACTORY.createParser(bytes, offset, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("a greeks_update's data must be a JSON object");
      }
      return readData(p);
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed greeks_update: " + e.getMessage(), e);
    }
  }

  /**
   * The update whose binary form ({@link GreeksUpdate#writeFields}) is {@code bytes[offset, offset + length)}: the
   * same update {@link #read} gives from its JSON, without parsing text.
   *
   * @throws IllegalArgumentException when the bytes are too short, or {@code ivStatus} is missing or unknown
   */
  public static GreeksUpdate readFields(byte[] bytes, int offset, int length) {
    GreeksUpdate.Builder state = STATE.get().clear();
    try {
      GreeksUpdate.DATA.readBinary(new BinaryReader(bytes, offset, length), state);
    } catch (IndexOutOfBoundsException e) {
      throw new IllegalArgumentException("truncated greeks_update fields: " + e.getMessage(), e);
    }
    return state.buildRead();
  }

  private static GreeksUpdate readData(JsonParser p) throws IOException {
    GreeksUpdate.Builder state = STATE.get().clear();
    GreeksUpdate.DATA.read(p, state);
    return state.buildRead();
  }

  /**
   * Reads a {@code greeks} object, the parser standing on its {@code START_OBJECT} ({@code value}), into
   * {@code out}: delta, gamma, theta, vega, rho, in that order (a null one becomes NaN, an absent one stays as it
   * was). Any other value is skipped. For readers that fill their own rows (the history ingest's parser);
   * {@link #read} goes through {@link GreeksUpdate#DATA} instead.
   */
  public static void readGreeks(JsonParser p, JsonToken value, double[] out) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "delta" -> out[0] = number(p, v);
        case "gamma" -> out[1] = number(p, v);
        case "theta" -> out[2] = number(p, v);
        case "vega" -> out[3] = number(p, v);
        case "rho" -> out[4] = number(p, v);
        default -> p.skipChildren();
      }
    }
  }

  private static double number(JsonParser p, JsonToken value) throws IOException {
    return value == JsonToken.VALUE_NUMBER_FLOAT || value == JsonToken.VALUE_NUMBER_INT ? p.getDoubleValue() : Double.NaN;
  }
}
