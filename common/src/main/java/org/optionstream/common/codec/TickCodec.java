package org.optionstream.common.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import org.optionstream.common.tick.Tick;

/**
 * Event-bus codec for the internal {@link Tick}: protobuf bytes on the clustered wire, the same
 * immutable instance for local delivery (protobuf messages are immutable, so no copy is needed).
 * Wire layout: int32 length, then the protobuf encoding.
 */
public final class TickCodec implements MessageCodec<Tick, Tick> {

  public static final String NAME = "optionstream.tick";

  @Override
  public void encodeToWire(Buffer buffer, Tick tick) {
    byte[] bytes = tick.toByteArray();
    buffer.appendInt(bytes.length);
    buffer.appendBytes(bytes);
  }

  @Override
  public Tick decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    byte[] bytes = buffer.getBytes(pos + 4, pos + 4 + length);
    try {
      return Tick.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("corrupt tick on the event bus (" + length + " bytes)", e);
    }
  }

  @Override
  public Tick transform(Tick tick) {
    return tick;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
