package org.optionstream.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A frame keeps one copy of its update once encoded, and every view of it stays the same. */
class FrameTest {

  private static JsonObject update() {
    return new JsonObject().put("instrumentKey", "NSE_FO|43885").put("symbol", "NIFTY").put("expiry", "2025-11-27")
        .put("price", 123.45).put("iv", 0.1423).put("greeks", new JsonObject().put("delta", 0.52))
        .put("exchangeTimeMs", 1_763_610_301_123L).put("sequence", 7L).put("note", "ünïcode ₹");
  }

  @Test
  void viewsBeforeAndAfterEncodingAgree() {
    JsonObject data = update();
    Frame frame = Frame.greeks(data.copy());
    String jsonBefore = frame.dataJson();

    byte[] message = frame.message();

    assertThat(new JsonObject(new String(message, StandardCharsets.UTF_8)))
        .isEqualTo(new JsonObject().put("type", "greeks_update").put("data", data));
    assertThat(frame.dataJson()).isEqualTo(jsonBefore);
    assertThat(frame.data()).isEqualTo(data);
    assertThat(new JsonObject(frame.envelope()).getJsonObject("body")).isEqualTo(data);
    assertThat(frame.message()).isSameAs(message);
    assertThat(frame.sequence()).isEqualTo(7L);
    assertThat(frame.symbol()).isEqualTo("NIFTY");
  }
}
