package org.optionstream.common.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optionstream.common.Addresses;
import org.optionstream.common.encoding.JsonBytesWriter;
import org.optionstream.common.json.GreeksUpdate;
import org.optionstream.common.json.GreeksUpdateFrame;
import org.optionstream.common.pricing.IvStatus;

/**
 * What a {@code greeks.update} consumer gets when greeks publishes a {@link GreeksUpdateFrame}: the
 * public data object, equal to {@link GreeksUpdate#toJson()}, over the wire and locally
 * ({@link ClusteredCodecsTest} sends one across a real cluster).
 */
@ExtendWith(VertxExtension.class)
class GreeksUpdateJsonCodecTest {

  private final GreeksUpdateJsonCodec codec = new GreeksUpdateJsonCodec();

  @Test
  void wireCarriesTheDataObjectAndDecodesToIt() {
    GreeksUpdate update = GreeksUpdateFramesCodecTest.update();
    GreeksUpdateFrame frame = GreeksUpdateFrame.of(update, new JsonBytesWriter());
    Buffer buffer = Buffer.buffer().appendString("prefix");
    codec.encodeToWire(buffer, frame);
    buffer.appendString("suffix");
    JsonObject decoded = codec.decodeFromWire(6, buffer);
    assertThat(decoded).isEqualTo(update.toJson());
    assertThat(decoded.getDouble("iv")).isEqualTo(0.1423);
    assertThat(decoded.getValue("oiChange")).as("NaN travels as null").isNull();
    assertThat(buffer.getInt(6)).as("length prefix").isEqualTo(buffer.length() - 6 - 4 - "suffix".length());
  }

  @Test
  void anUnsolvedUpdateKeepsIvNullWithItsStatus() {
    GreeksUpdate unsolved = new GreeksUpdate("NSE_FO|1", "NIFTY", 23500, "PE", "2025-11-27", 0.05, 10, 0, 1, 0.05,
        0.1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 1_763_610_301_123L, 1, 23512.3,
        23530.1, "SPOT", 0.0191, 0.10, IvStatus.BELOW_INTRINSIC, 1_763_610_301_125_000L);
    Buffer buffer = Buffer.buffer();
    codec.encodeToWire(buffer, GreeksUpdateFrame.of(unsolved, new JsonBytesWriter()));
    JsonObject decoded = codec.decodeFromWire(0, buffer);
    assertThat(decoded.containsKey("iv")).isTrue();
    assertThat(decoded.getValue("iv")).isNull();
    assertThat(decoded.getString("ivStatus")).isEqualTo("BELOW_INTRINSIC");
    assertThat(decoded).isEqualTo(unsolved.toJson());
  }

  @Test
  void aLocalConsumerReceivesTheDataObject(Vertx vertx, VertxTestContext ctx) {
    Codecs.register(vertx);
    GreeksUpdate update = GreeksUpdateFramesCodecTest.update();
    vertx.eventBus().<JsonObject>consumer(Addresses.GREEKS_UPDATE, message -> ctx.verify(() -> {
      assertThat(message.body()).isEqualTo(update.toJson());
      ctx.completeNow();
    })).completion().onSuccess(registered ->
        vertx.eventBus().publish(Addresses.GREEKS_UPDATE, GreeksUpdateFrame.of(update, new JsonBytesWriter())));
  }
}
