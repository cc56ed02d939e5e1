package org.optionstream.gateway.bridge;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The shape a browser's bridge frame must have before the bridge acts on it:
 * {@code {"type": string, "address": string, "headers"?: {string: string}, "replyAddress"?: string,
 * "body"?: any}}. vertx-web's bridge reads these fields with casts, so a frame like
 * {@code {"type":"register","address":"greeks.update","headers":"x"}} threw a ClassCastException and
 * wrote a stack trace per frame, and the client got no answer.
 */
final class BridgeFrameCheck {

  /** Longest address a frame may name (the bridge's own register limit), characters. */
  static final int MAX_ADDRESS_LENGTH = 200;

  private BridgeFrameCheck() {
  }

  /** What is wrong with {@code frame}, or null when its shape is right. */
  static String problem(JsonObject frame) {
    if (frame == null) {
      return "missing frame";
    }
    if (!(frame.getValue("type") instanceof String)) {
      return "type must be a string";
    }
    if (!(frame.getValue("address") instanceof String address)) {
      return "address must be a string";
    }
    if (address.length() > MAX_ADDRESS_LENGTH) {
      return "address longer than " + MAX_ADDRESS_LENGTH + " characters";
    }
    Object headers = frame.getValue("headers");
    if (headers != null) {
      if (!(headers instanceof JsonObject object)) {
        return "headers must be an object of strings";
      }
      for (Map.Entry<String, Object> header : object) {
        if (!(header.getValue() instanceof String)) {
          return "headers must be an object of strings (header '" + abbreviate(header.getKey()) + "' is not)";
        }
      }
    }
    Object replyAddress = frame.getValue("replyAddress");
    if (replyAddress != null && !(replyAddress instanceof String)) {
      return "replyAddress must be a string";
    }
    return null;
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
