package org.optionstream.common.codec;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.util.List;
import org.optionstream.common.encoding.BinaryWriter;
import org.optionstream.common.json.GreeksUpdateFrame;
import org.optionstream.common.json.GreeksUpdateFrames;

/**
 * Event-bus codec for {@link GreeksUpdateFrames}: on the clustered wire each frame's routing fields, its
 * already-encoded message bytes and its binary form, copied as they are (nothing is re-encoded or parsed);
 * locally the same immutable instance. A batch is encoded once, into one array, however many members it is
 * published to ({@link GreeksUpdateFrames#wire}). Wire layout, big-endian: int32 length of what follows, int32
 * frame count, then per frame: instrument key, symbol and expiry (each int16 length + UTF-8, length -1 for null),
 * int64 exchange time, int64 sequence, int32 message length + message bytes, int32 length of the binary form (-1
 * when the frame has none) + its bytes.
 */
public final class GreeksUpdateFramesCodec implements MessageCodec<GreeksUpdateFrames, GreeksUpdateFrames> {

  public static final String NAME = "optionstream.greeks-update-frames";
  /** Three null texts, two longs, an empty message and no binary form. */
  private static final int SMALLEST_FRAME_BYTES = 3 * 2 + 8 + 8 + 4 + 4;

  @Override
  public void encodeToWire(Buffer buffer, GreeksUpdateFrames batch) {
    buffer.appendBytes(batch.wire(GreeksUpdateFramesCodec::encode));
  }

  /** Reads straight from the message's buffer: each frame's bytes are copied once, into the frame. */
  @Override
  public GreeksUpdateFrames decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    if (length < 4 || length > buffer.length() - pos - 4) {
      throw new IllegalArgumentException("greeks frames of " + length + " bytes in a message of " + buffer.length());
    }
    int count = buffer.getInt(pos + 4);
    if (count < 0 || count > (length - 4) / SMALLEST_FRAME_BYTES) {
      throw new IllegalArgumentException(count + " greeks frames cannot fit in " + length + " bytes");
    }
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

  /** The whole wire form of {@code batch}, length prefix included, sized once. */
  private static byte[] encode(GreeksUpdateFrames batch) {
    List<GreeksUpdateFrame> frames = batch.frames();
    int estimate = 8;
    for (GreeksUpdateFrame frame : frames) {
      estimate += 3 * 2 + 3 * 32 + 8 + 8 + 4 + frame.message().length + 4 + length(frame.fields());
    }
    BinaryWriter out = new BinaryWriter(estimate);
    out.putInt(0).putInt(frames.size());
    for (GreeksUpdateFrame frame : frames) {
      out.putText(frame.instrumentKey()).putText(frame.symbol()).putText(frame.expiry());
      out.putLong(frame.exchangeTimeMs()).putLong(frame.sequence());
      out.putInt(frame.message().length).putBytes(frame.message(), 0, frame.message().length);
      byte[] fields = frame.fields();
      if (fields == null) {
        out.putInt(-1);
      } else {
        out.putInt(fields.length).putBytes(fields, 0, fields.length);
      }
    }
    return out.setInt(0, out.length() - 4).toByteArray();
  }

  private static GreeksUpdateFrame readFrame(Buffer buffer, int[] at) {
    String key = readText(buffer, at);
    String symbol = readText(buffer, at);
    String expiry = readText(buffer, at);
    long exchangeTimeMs = buffer.getLong(at[0]);
    long sequence = buffer.getLong(at[0] + 8);
    at[0] += 16;
    byte[] message = readBytes(buffer, at, buffer.getInt(at[0]));
    int fieldsLength = buffer.getInt(at[0]);
    byte[] fields = null;
    if (fieldsLength < 0) {
      at[0] += 4;
    } else {
      fields = readBytes(buffer, at, fieldsLength);
    }
    return new GreeksUpdateFrame(key, symbol, expiry, exchangeTimeMs, sequence, message, fields);
  }

  /** Text as {@link BinaryWriter#putText} wrote it, at {@code at[0]}, which moves past it. */
  private static String readText(Buffer buffer, int[] at) {
    short length = buffer.getShort(at[0]);
    at[0] += 2;
    if (length < 0) {
      return null;
    }
    String value = buffer.getString(at[0], at[0] + length, "UTF-8");
    at[0] += length;
    return value;
  }

  /** The {@code length} bytes after the int32 length at {@code at[0]}, copied; {@code at[0]} moves past them. */
  private static byte[] readBytes(Buffer buffer, int[] at, int length) {
    int from = at[0] + 4;
    if (length < 0 || length > buffer.length() - from) {
      throw new IllegalArgumentException("a greeks frame's part of " + length + " bytes runs past the message");
    }
    at[0] = from + length;
    return buffer.getBytes(from, from + length);
  }

  private static int length(byte[] bytes) {
    return bytes == null ? 0 : bytes.length;
  }
}
