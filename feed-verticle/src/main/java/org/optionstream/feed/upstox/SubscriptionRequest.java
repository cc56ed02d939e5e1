package org.optionstream.feed.upstox;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.optionstream.feed.plan.Mode;

/**
 * The client-to-server messages of the V3 socket: UTF-8 JSON sent as a <b>binary</b> frame,
 * {@code {"guid","method":"sub"|"unsub"|"change_mode","data":{"mode","instrumentKeys"}}}
 * ({@code unsub} carries no mode).
 */
public final class SubscriptionRequest {

  private SubscriptionRequest() {
  }

  public static Buffer subscribe(Mode mode, List<String> keys) {
    return frame("sub", mode, keys);
  }

  public static Buffer changeMode(Mode mode, List<String> keys) {
    return frame("change_mode", mode, keys);
  }

  public static Buffer unsubscribe(List<String> keys) {
    return frame("unsub", null, keys);
  }

  private static Buffer frame(String method, Mode mode, List<String> keys) {
    JsonObject data = new JsonObject();
    if (mode != null) {
      data.put("mode", mode.wire());
    }
    data.put("instrumentKeys", new JsonArray(List.copyOf(keys)));
    return new JsonObject()
        .put("guid", UUID.randomUUID().toString())
        .put("method", method)
        .put("data", data)
        .toBuffer();
  }
}
