package org.optionstream.common.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Event-bus codec for one of the project's protobuf messages ({@code Tick}, {@code TickBatch}):
 * protobuf bytes on the clustered wire, the same immutable instance for local delivery (protobuf
 * messages are immutable, so no copy is needed). Wire layout: int32 length, then the protobuf encoding.
 */
public final class ProtobufCodec<T extends MessageLite> implements MessageCodec<T, T> {

  private final String name;
  private final Parser<T> parser;

  /** @param name the codec's name on the bus (receivers must have registered the same) */
  public ProtobufCodec(String name, Parser<T> parser) {
    this.name = name;
    this.parser = parser;
  }

  @Override
  public void encodeToWire(Buffer buffer, T message) {
    byte[] bytes = message.toByteArray();
    buffer.appendInt(bytes.length);
    buffer.appendBytes(bytes);
  }

  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    byte[] bytes = buffer.getBytes(pos + 4, pos + 4 + length);
    try {
      return parser.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("corrupt " + name + " on the event bus (" + length + " bytes)", e);
    }
  }

  @Override
  public T transform(T message) {
    return message;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
