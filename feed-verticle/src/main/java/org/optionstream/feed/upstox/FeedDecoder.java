package org.optionstream.feed.upstox;

import com.google.protobuf.CodedInputStream;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.optionstream.upstox.proto.FeedResponse;

/**
 * Decodes one binary WebSocket frame as Upstox's V3 {@link FeedResponse}. A frame that is not one
 * (empty, an error body in JSON, or bytes protobuf rejects) raises {@link FrameDecodeException}
 * with a kind and a printable sample; it never throws anything else.
 */
public final class FeedDecoder {

  private FeedDecoder() {
  }

  public static FeedResponse decode(byte[] frame) throws FrameDecodeException {
    return decode(frame, 0, frame.length);
  }

  public static FeedResponse decode(byte[] frame, int offset, int length) throws FrameDecodeException {
    if (length == 0) {
      throw new FrameDecodeException("empty", "", null);
    }
    if (frame[offset] == '{' && lastNonSpace(frame, offset, length) == '}') {
      try {
        JsonObject error = new JsonObject(new String(frame, offset, length, StandardCharsets.UTF_8));
        throw new FrameDecodeException("json_error", sample(error.encode()), null);
      } catch (DecodeException | ClassCastException notJson) {
        // '{' is also a legal protobuf tag (field 15, group start): fall through to protobuf
      }
    }
    try {
      CodedInputStream in = CodedInputStream.newInstance(frame, offset, length);
      return FeedResponse.parseFrom(in);
    } catch (java.io.IOException | RuntimeException e) {
      throw new FrameDecodeException("protobuf", hex(frame, offset, length) + " (" + e.getMessage() + ")", e);
    }
  }

  private static byte lastNonSpace(byte[] b, int offset, int length) {
    for (int i = offset + length - 1; i > offset; i--) {
      if (b[i] != ' ' && b[i] != '\n' && b[i] != '\r' && b[i] != '\t') {
        return b[i];
      }
    }
    return 0;
  }

  private static String sample(String text) {
    return text.length() <= 120 ? text : text.substring(0, 117) + "...";
  }

  private static String hex(byte[] b, int offset, int length) {
    StringBuilder sb = new StringBuilder(length + " bytes: ");
    for (int i = 0; i < Math.min(length, 24); i++) {
      sb.append(String.format("%02x", b[offset + i]));
    }
    return sb.append(length > 24 ? "…" : "").toString();
  }
}
