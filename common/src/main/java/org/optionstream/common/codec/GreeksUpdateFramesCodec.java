package org.optionstream.common.codec;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.util.List;
import org.optionstream.common.encoding.BinaryReader;
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

  @Override
  public GreeksUpdateFrames decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    if (length < 4 || length > buffer.length() - pos - 4) {
      throw new IllegalArgumentException("greeks frames of " + length + " bytes in a message of " + buffer.length());
    }
    BinaryReader in = new BinaryReader(buffer.getBytes(pos + 4, pos + 4 + length));
    int count = in.getInt();
    if (count < 0 || count > in.remaining() / SMALLEST_FRAME_BYTES) {
      throw new IllegalArgumentException(count + " greeks frames cannot fit in " + length + " bytes");
    }
    GreeksUpdateFrame[] frames = new GreeksUpdateFrame[count];
    for (int i = 0; i < count; i++) {
      frames[i] = readFrame(in);
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

  private static GreeksUpdateFrame readFrame(BinaryReader in) {
    String key = in.getText();
    String symbol = in.getText();
    String expiry = in.getText();
    long exchangeTimeMs = in.getLong();
    long sequence = in.getLong();
    byte[] message = in.getBytes(in.getInt());
    int fieldsLength = in.getInt();
    byte[] fields = fieldsLength < 0 ? null : in.getBytes(fieldsLength);
    return new GreeksUpdateFrame(key, symbol, expiry, exchangeTimeMs, sequence, message, fields);
  }

  private static int length(byte[] bytes) {
    return bytes == null ? 0 : bytes.length;
  }
}
