package org.optionstream.common.codec;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;
import org.optionstream.common.json.GreeksUpdateFrame;

/**
 * Event-bus codec that lets greeks publish a {@link GreeksUpdateFrame} on {@code greeks.update} while
 * every consumer receives the public {@code greeks_update} data as a {@link JsonObject}, exactly as
 * if that JsonObject had been published. The frame already holds the data's UTF-8 JSON, so the wire
 * carries those bytes as they are (int32 length, then the bytes: the layout of Vert.x's own JsonObject
 * codec), and a member that has no consumer of {@code greeks.update} never pays for a JSON tree: the
 * tree is parsed only on delivery, remotely in {@link #decodeFromWire} and locally in
 * {@link #transform}.
 */
public final class GreeksUpdateJsonCodec implements MessageCodec<GreeksUpdateFrame, JsonObject> {

  public static final String NAME = "optionstream.greeks-update-json";

  @Override
  public void encodeToWire(Buffer buffer, GreeksUpdateFrame frame) {
    int lengthAt = buffer.length();
    buffer.appendInt(0);
    frame.appendData(buffer);
    buffer.setInt(lengthAt, buffer.length() - lengthAt - 4);
  }

  @Override
  public JsonObject decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return new JsonObject(buffer.getBuffer(pos + 4, pos + 4 + length));
  }

  @Override
  public JsonObject transform(GreeksUpdateFrame frame) {
    return frame.data();
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
