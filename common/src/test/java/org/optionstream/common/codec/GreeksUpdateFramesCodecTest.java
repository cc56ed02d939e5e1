package org.optionstream.common.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.optionstream.common.encoding.JsonBytesWriter;
import org.optionstream.common.json.GreeksUpdate;
import org.optionstream.common.json.GreeksUpdateFrame;
import org.optionstream.common.json.GreeksUpdateFrames;
import org.optionstream.common.pricing.IvStatus;

/**
 * A {@link GreeksUpdateFrame} is the public {@code greeks_update} message, byte for byte, and a batch
 * of them survives the wire with its routing fields and bytes intact ({@link ClusteredCodecsTest}
 * sends one across a real cluster).
 */
class GreeksUpdateFramesCodecTest {

  static GreeksUpdate update() {
    return GreeksUpdate.builder().instrumentKey("NSE_FO|43885").symbol("NIFTY").strike(23500).type("CE")
        .expiry("2025-11-27").price(123.45).oi(1234500).oiChange(Double.NaN).volume(987650).bid(123.4).ask(123.5)
        .iv(0.1423).delta(0.52).gamma(0.0011).theta(-12.3).vega(8.9).rho(3.1).exchangeTimeMs(1_763_610_301_123L)
        .sequence(7).underlyingPrice(23512.3).forward(23530.1).forwardSource("SYNTHETIC").timeToExpiry(0.0191)
        .rate(0.10).ivStatus(IvStatus.OK).feedReceivedAtMicros(1_763_610_301_125_000L).build();
  }

  @Test
  void theFrameIsThePublicMessage() {
    GreeksUpdateFrame frame = GreeksUpdateFrame.of(update(), new JsonBytesWriter());
    JsonObject message = new JsonObject(new String(frame.message(), StandardCharsets.UTF_8));
    assertThat(message).isEqualTo(update().toMessage());
    assertThat(frame.data()).isEqualTo(update().toJson());
    assertThat(frame.instrumentKey()).isEqualTo("NSE_FO|43885");
    assertThat(frame.expiry()).isEqualTo("2025-11-27");
    assertThat(frame.exchangeTimeMs()).isEqualTo(1_763_610_301_123L);
    assertThat(frame.sequence()).isEqualTo(7);
    GreeksUpdateFrame fromJson = GreeksUpdateFrame.of(update().toJson());
    assertThat(new JsonObject(new String(fromJson.message(), StandardCharsets.UTF_8))).isEqualTo(message);
  }

  @Test
  void wireRoundTripKeepsFieldsAndBytes() {
    GreeksUpdateFramesCodec codec = new GreeksUpdateFramesCodec();
    GreeksUpdateFrame frame = new GreeksUpdateFrame("NSE_FO|1", null, "2025-11-27", 5L, Long.MAX_VALUE,
        "{\"type\":\"greeks_update\",\"data\":{}}".getBytes(StandardCharsets.UTF_8));
    GreeksUpdateFrame second = GreeksUpdateFrame.of(update(), new JsonBytesWriter());
    GreeksUpdateFrames batch = GreeksUpdateFrames.of(frame, second);
    Buffer buffer = Buffer.buffer().appendString("prefix");
    codec.encodeToWire(buffer, batch);
    buffer.appendString("suffix");
    GreeksUpdateFrames backBatch = codec.decodeFromWire(6, buffer);
    assertThat(backBatch.size()).isEqualTo(2);
    assertThat(backBatch.frames().get(1).message()).isEqualTo(second.message());
    assertThat(backBatch.frames().get(1).fields()).isEqualTo(second.fields());
    assertThat(backBatch.frames().get(1).update()).isEqualTo(update());
    assertThat(backBatch.frames().get(1).instrumentKey()).isEqualTo("NSE_FO|43885");
    GreeksUpdateFrame back = backBatch.frames().get(0);
    assertThat(back.instrumentKey()).isEqualTo("NSE_FO|1");
    assertThat(back.symbol()).isNull();
    assertThat(back.expiry()).isEqualTo("2025-11-27");
    assertThat(back.exchangeTimeMs()).isEqualTo(5L);
    assertThat(back.sequence()).isEqualTo(Long.MAX_VALUE);
    assertThat(back.message()).isEqualTo(frame.message());
    assertThat(back.fields()).isNull();
    assertThat(buffer.getInt(6)).as("length prefix covers the frame").isEqualTo(buffer.length() - 6 - 4 - 6);
    assertThat(codec.transform(batch)).as("local delivery shares the immutable batch").isSameAs(batch);
  }

  @Test
  void aBatchPublishedToSeveralMembersIsEncodedOnce() {
    GreeksUpdateFramesCodec codec = new GreeksUpdateFramesCodec();
    GreeksUpdateFrames batch = GreeksUpdateFrames.of(GreeksUpdateFrame.of(update(), new JsonBytesWriter()));
    Buffer toPcr = Buffer.buffer();
    Buffer toGateway = Buffer.buffer().appendByte((byte) 7);
    codec.encodeToWire(toPcr, batch);
    codec.encodeToWire(toGateway, batch);
    assertThat(toGateway.getBuffer(1, toGateway.length())).isEqualTo(toPcr);
    assertThat(batch.wire(b -> {
      throw new AssertionError("encoded a second time");
    })).hasSize(toPcr.length());
  }

  @Test
  void aBadLengthOrCountIsRefusedBeforeAnythingLargeIsAllocated() {
    GreeksUpdateFramesCodec codec = new GreeksUpdateFramesCodec();
    Buffer huge = Buffer.buffer().appendInt(Integer.MAX_VALUE - 8).appendInt(1);
    assertThatThrownBy(() -> codec.decodeFromWire(0, huge))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("in a message of 8");
    Buffer tooMany = Buffer.buffer().appendInt(8).appendInt(Integer.MAX_VALUE).appendInt(0);
    assertThatThrownBy(() -> codec.decodeFromWire(0, tooMany))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot fit");
  }
}
