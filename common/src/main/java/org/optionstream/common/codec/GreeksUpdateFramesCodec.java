package org.optionstream.common.codec;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.nio.charset.StandardCharsets;
import org.optionstream.common.json.GreeksUpdateFrame;
import org.optionstream.common.json.GreeksUpdateFrames;

/**
 * Event-bus codec for {@link GreeksUpdateFrames}: on the clustered wire each frame's routing fields
 * and its already-encoded message bytes, copied as they are (nothing is re-encoded or parsed);
 * locally the same immutable instance. Wire layout: int32 total length, int32 frame count, then per
 * frame: instrument key, symbol and expiry (each int16 length + UTF-8, length -1 for null), int64
 * exchange time, int64 sequence, int32 message length + message bytes.
 */
public final class GreeksUpdateFramesCodec implements MessageCodec<GreeksUpdateFrames, GreeksUpdateFrames> {

  public static final String NAME = "optionstream.greeks-update-frames";

  @Override
  public void encodeToWire(Buffer buffer, GreeksUpdateFrames batch) {
    int start = buffer.length();
    buffer.appendInt(0);
    buffer.appendInt(batch.size());
    for (GreeksUpdateFrame frame : batch.frames()) {
      appendFrame(buffer, frame);
    }
    buffer.setInt(start, buffer.length() - start - 4);
  }

  @Override
  public GreeksUpdateFrames decodeFromWire(int pos, Buffer buffer) {
    int count = buffer.getInt(pos + 4);
    int[] at = {pos + 8};
    GreeksUpdateFrame[] frames = new GreeksUpdateFrame[count];
    for (int i = 0; i < count; i++) {
      frames[i] = readFrame(buffer, at);
    }
    return GreeksUpdateFrames.of(frames);
  }

  @Override
  public GreeksUpdateFrames transform(GreeksUpdateFrames batch) {
    return batch;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }

  private static void appendFrame(Buffer buffer, GreeksUpdateFrame frame) {
    appendString(buffer, frame.instrumentKey());
    appendString(buffer, frame.symbol());
    appendString(buffer, frame.expiry());
    buffer.appendLong(frame.exchangeTimeMs());
    buffer.appendLong(frame.sequence());
    buffer.appendInt(frame.message().length);
    buffer.appendBytes(frame.message());
  }

  private static GreeksUpdateFrame readFrame(Buffer buffer, int[] at) {
    String key = readString(buffer, at);
    String symbol = readString(buffer, at);
    String expiry = readString(buffer, at);
    long exchangeTimeMs = buffer.getLong(at[0]);
    long sequence = buffer.getLong(at[0] + 8);
    int length = buffer.getInt(at[0] + 16);
    int from = at[0] + 20;
    at[0] = from + length;
    return new GreeksUpdateFrame(key, symbol, expiry, exchangeTimeMs, sequence, buffer.getBytes(from, from + length));
  }

  private static void appendString(Buffer buffer, String value) {
    if (value == null) {
      buffer.appendShort((short) -1);
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > Short.MAX_VALUE) {
      throw new IllegalArgumentException("field longer than " + Short.MAX_VALUE + " bytes");
    }
    buffer.appendShort((short) bytes.length);
    buffer.appendBytes(bytes);
  }

  private static String readString(Buffer buffer, int[] at) {
    short length = buffer.getShort(at[0]);
    at[0] += 2;
    if (length < 0) {
      return null;
    }
    String value = buffer.getString(at[0], at[0] + length, "UTF-8");
    at[0] += length;
    return value;
  }
}
