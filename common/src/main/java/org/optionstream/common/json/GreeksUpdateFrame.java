package org.optionstream.common.json;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.optionstream.common.encoding.BinaryWriter;
import org.optionstream.common.encoding.JsonBytesWriter;
import org.optionstream.common.encoding.JsonNumbers;

/**
 * A {@code greeks_update} encoded once, as the public WebSocket message
 * {@code {"type":"greeks_update","data":{...}}} in UTF-8, plus the few fields a consumer routes and
 * orders by, and the whole update in its binary form ({@link GreeksUpdate#writeFields}), so a consumer
 * never has to parse the JSON: gateways send the bytes on, and stages that compute read {@link #update()}.
 * Batches of them ({@link GreeksUpdateFrames}) are the body of {@code greeks.update.frames}, which gateways
 * consume to fan the same bytes out to every client. Immutable; {@link #message()} and {@link #fields()} are
 * shared, never modify them.
 */
public final class GreeksUpdateFrame {

  /** {@code {"type":"greeks_update","data":}: what every message starts with (ASCII). */
  public static final String MESSAGE_PREFIX = "{\"type\":\"" + GreeksUpdate.TYPE + "\",\"data\":";
  private static final int DATA_OFFSET = MESSAGE_PREFIX.length();
  private static final ThreadLocal<BinaryWriter> FIELDS_WRITER = ThreadLocal.withInitial(() -> new BinaryWriter(512));

  private final String instrumentKey;
  private final String symbol;
  private final String expiry;
  private final long exchangeTimeMs;
  private final long sequence;
  private final byte[] message;
  private final byte[] fields;

  /** A frame without the binary form: {@link #update()} parses the message. */
  public GreeksUpdateFrame(String instrumentKey, String symbol, String expiry, long exchangeTimeMs, long sequence,
      byte[] message) {
    this(instrumentKey, symbol, expiry, exchangeTimeMs, sequence, message, null);
  }

  /**
   * @param exchangeTimeMs exchange time of the tick, epoch milliseconds (orders updates with {@code sequence})
   * @param message        UTF-8 bytes of the whole {@code {"type":"greeks_update","data":{...}}} message
   * @param fields         the same update in its binary form ({@link GreeksUpdate#writeFields}), or null
   */
  public GreeksUpdateFrame(String instrumentKey, String symbol, String expiry, long exchangeTimeMs, long sequence,
      byte[] message, byte[] fields) {
    this.instrumentKey = instrumentKey;
    this.symbol = symbol;
    this.expiry = expiry;
    this.exchangeTimeMs = exchangeTimeMs;
    this.sequence = sequence;
    this.message = message;
    this.fields = fields;
  }

  /**
   * The frame of an update, its message encoded with {@code writer} (reset first; reusable afterwards) and its
   * binary form with this thread's binary writer.
   */
  public static GreeksUpdateFrame of(GreeksUpdate update, JsonBytesWriter writer) {
    writer.reset().beginObject().field("type", GreeksUpdate.TYPE).name("data");
    update.writeData(writer);
    writer.endObject();
    BinaryWriter binary = FIELDS_WRITER.get().reset();
    update.writeFields(binary);
    return new GreeksUpdateFrame(update.instrumentKey(), update.symbol(), update.expiry(), update.exchangeTimeMs(),
        update.sequence(), writer.toByteArray(), binary.toByteArray());
  }

  /** The frame of a {@code data} object already in JSON form (snapshots, tests); null without an instrument key. */
  public static GreeksUpdateFrame of(JsonObject data) {
    String key = data.getString("instrumentKey");
    if (key == null) {
      return null;
    }
    byte[] message = (MESSAGE_PREFIX + data.encode() + "}").getBytes(StandardCharsets.UTF_8);
    return new GreeksUpdateFrame(key, data.getString("symbol"), data.getString("expiry"),
        JsonNumbers.longOrZero(data, "exchangeTimeMs"), JsonNumbers.longOrZero(data, "sequence"), message);
  }


  public String instrumentKey() {
    return instrumentKey;
  }

  public String symbol() {
    return symbol;
  }

  /** ISO date of the option's expiry. */
  public String expiry() {
    return expiry;
  }

  public long exchangeTimeMs() {
    return exchangeTimeMs;
  }

  public long sequence() {
    return sequence;
  }

  /** The encoded message, shared: never modify. */
  public byte[] message() {
    return message;
  }

  /** The {@code data} object, parsed from the message (for the occasional reader, not the hot path). */
  public JsonObject data() {
    return new JsonObject(new String(message, DATA_OFFSET, dataLength(), StandardCharsets.UTF_8));
  }

  /** The update's binary form ({@link GreeksUpdate#writeFields}), shared: never modify; null when it has none. */
  public byte[] fields() {
    return fields;
  }

  /**
   * The update: read from its binary form (no text parsed), or from the message's bytes
   * ({@link GreeksUpdateReader#read}) when the frame has none. The hot path's reader.
   */
  public GreeksUpdate update() {
    return fields != null
        ? GreeksUpdateReader.readFields(fields, 0, fields.length)
        : GreeksUpdateReader.read(message, DATA_OFFSET, dataLength());
  }

  /** Appends the {@code data} object's UTF-8 JSON, as it stands in the message, to {@code buffer}. */
  public void appendData(Buffer buffer) {
    buffer.appendBytes(message, DATA_OFFSET, dataLength());
  }

  /** Where the {@code data} object starts in {@link #message()}. */
  public int dataOffset() {
    return DATA_OFFSET;
  }

  /**
   * How many bytes of {@link #message()} the {@code data} object takes: from after the prefix to before the
   * message's closing brace.
   */
  public int dataLength() {
    return message.length - DATA_OFFSET - 1;
  }
}
