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
    GreeksUpdate unsolved = GreeksUpdate.builder().instrumentKey("NSE_FO|1").symbol("NIFTY").strike(23500).type("PE")
        .expiry("2025-11-27").price(0.05).oi(10).oiChange(0).volume(1).bid(0.05).ask(0.1).iv(Double.NaN)
        .delta(Double.NaN).gamma(Double.NaN).theta(Double.NaN).vega(Double.NaN).rho(Double.NaN)
        .exchangeTimeMs(1_763_610_301_123L).sequence(1).underlyingPrice(23512.3).forward(23530.1)
        .forwardSource("SPOT").timeToExpiry(0.0191).rate(0.10).ivStatus(IvStatus.BELOW_INTRINSIC)
        .feedReceivedAtMicros(1_763_610_301_125_000L).build();
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
