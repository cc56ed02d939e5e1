package org.optionstream.alerts.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.optionstream.alerts.rule.MessageNumbers;
import org.optionstream.common.encoding.JsonBytesWriter;
import org.optionstream.common.json.GreeksUpdate;
import org.optionstream.common.json.GreeksUpdateFrame;
import org.optionstream.common.pricing.IvStatus;

class ScannedNumbersTest {

  private static final String[] TOP_LEVEL = {"strike", "price", "oi", "iv", "underlyingPrice", "forward", "timeToExpiry",
      "rate", "exchangeTimeMs", "sequence", "volume", "bid", "ask", "oiChange", "feedReceivedAtMicros", "lastTradeTimeMs",
      "ivMid", "symbol", "type", "quality", "greeks", "absent"};
  private static final String[] GREEKS = {"delta", "gamma", "theta", "vega", "rho", "absent"};

  private static GreeksUpdateFrame frame(GreeksUpdate update) {
    return GreeksUpdateFrame.of(update, new JsonBytesWriter());
  }

  private static void assertReadsAsTheParsedTree(GreeksUpdateFrame frame) {
    MessageNumbers scanned = ScannedNumbers.scan(frame.message(), frame.dataOffset(), frame.dataLength(), null);
    MessageNumbers tree = MessageNumbers.of(frame.data());
    for (String field : TOP_LEVEL) {
      assertThat(Double.valueOf(scanned.number(null, field))).as(field).isEqualTo(Double.valueOf(tree.number(null, field)));
    }
    for (String greek : GREEKS) {
      assertThat(Double.valueOf(scanned.number("greeks", greek))).as("greeks." + greek)
          .isEqualTo(Double.valueOf(tree.number("greeks", greek)));
      assertThat(scanned.number(null, greek)).as(greek + " is not a top-level field").isNaN();
    }
  }

  @Test
  void everyNumberOfAGreeksUpdateReadsAsInTheParsedTree() {
    GreeksUpdate update = GreeksUpdate.builder().instrumentKey("NSE_FO|43885").symbol("NIFTY").strike(23_500)
        .type("CE").expiry("2026-12-08").price(112.35).oi(1_234_500).oiChange(-2_250).volume(98_765).bid(112.1)
        .ask(112.6).iv(0.1234).delta(0.5123).gamma(0.000_812).theta(-12.75).vega(9.875).rho(3.5)
        .exchangeTimeMs(1_796_000_000_123L).sequence(42).underlyingPrice(23_512.4).forward(23_540.15)
        .forwardSource("parity").timeToExpiry(0.016_438).rate(0.065).ivStatus(IvStatus.OK)
        .feedReceivedAtMicros(1_796_000_000_123_456L).lastTradeTimeMs(1_796_000_000_000L).ivMid(0.1241).quality(3)
        .build();
    assertReadsAsTheParsedTree(frame(update));
    MessageNumbers scanned = ScannedNumbers.scan(frame(update).message(), frame(update).dataOffset(),
        frame(update).dataLength(), null);
    assertThat(scanned.number("greeks", "delta")).isEqualTo(0.5123);
    assertThat(scanned.number(null, "exchangeTimeMs")).isEqualTo(1_796_000_000_123.0);
  }

  @Test
  void aNumberPublishedAsNullReadsAsNaN() {
    GreeksUpdate unsolved = GreeksUpdate.builder().instrumentKey("NSE_FO|43886").symbol("NIFTY").strike(23_500)
        .type("PE").expiry("2026-12-08").price(0.05).oi(10).oiChange(0).volume(0).bid(Double.NaN).ask(Double.NaN)
        .iv(Double.NaN).delta(Double.NaN).gamma(Double.NaN).theta(Double.NaN).vega(Double.NaN).rho(Double.NaN)
        .exchangeTimeMs(1_796_000_000_123L).sequence(43).underlyingPrice(23_512.4).forward(23_540.15)
        .forwardSource("carry").timeToExpiry(0.016_438).rate(0.065).ivStatus(IvStatus.BELOW_INTRINSIC)
        .feedReceivedAtMicros(0L).build();
    assertReadsAsTheParsedTree(frame(unsolved));
    MessageNumbers scanned = ScannedNumbers.scan(frame(unsolved).message(), frame(unsolved).dataOffset(),
        frame(unsolved).dataLength(), null);
    assertThat(scanned.number(null, "iv")).isNaN();
    assertThat(scanned.number("greeks", "delta")).isNaN();
    assertThat(scanned.number(null, "price")).isEqualTo(0.05);
  }

  @Test
  void numbersOneObjectDeepAreReadAndDeeperOnesAreNot() {
    byte[] json = "{\"straddle\":{\"price\":310.5,\"legs\":{\"call\":150}},\"gex\":{\"flip\":null,\"total\":-2e9},\"n\":[1,2]}"
        .getBytes(StandardCharsets.UTF_8);
    MessageNumbers scanned = ScannedNumbers.scan(json, 0, json.length, null);
    assertThat(scanned.number("straddle", "price")).isEqualTo(310.5);
    assertThat(scanned.number("gex", "total")).isEqualTo(-2e9);
    assertThat(scanned.number("gex", "flip")).isNaN();
    assertThat(scanned.number("legs", "call")).isNaN();
    assertThat(scanned.number(null, "n")).isNaN();
  }

  @Test
  void bytesThatAreNotOneJsonObjectAreRefusedWithTheReason() {
    for (String bad : new String[] {"{\"greeks\":{\"del", "[1,2]", "{\"a\":1} {\"b\":2}", "", "{\"a\":1"}) {
      byte[] bytes = bad.getBytes(StandardCharsets.UTF_8);
      assertThatThrownBy(() -> ScannedNumbers.scan(bytes, 0, bytes.length, Set.of("a"))).as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageMatching("(?s)(not a JSON object|content after the object|unterminated object|malformed JSON: .+)");
    }
  }

  @Test
  void aFieldNotAskedForAtTheScanIsStillReadWhenAskedLater() {
    GreeksUpdateFrame frame = frame(GreeksUpdate.builder().instrumentKey("NSE_FO|43885").symbol("NIFTY")
        .strike(23_500).type("CE").expiry("2026-12-08").price(112.35).oi(1_234_500).oiChange(-2_250).volume(98_765)
        .bid(112.1).ask(112.6).iv(0.1234).delta(0.5123).gamma(0.000_812).theta(-12.75).vega(9.875).rho(3.5)
        .exchangeTimeMs(1_796_000_000_123L).sequence(42).underlyingPrice(23_512.4).forward(23_540.15)
        .forwardSource("parity").timeToExpiry(0.016_438).rate(0.065).ivStatus(IvStatus.OK)
        .feedReceivedAtMicros(1_796_000_000_123_456L).build());
    MessageNumbers scanned = ScannedNumbers.scan(frame.message(), frame.dataOffset(), frame.dataLength(), Set.of("delta"));
    assertThat(scanned.number("greeks", "delta")).isEqualTo(0.5123);
    assertThat(scanned.number(null, "iv")).isEqualTo(0.1234);
    assertThat(scanned.number("greeks", "vega")).isEqualTo(9.875);
    assertThat(scanned.number(null, "delta")).isNaN();
  }

  @Test
  void aRealTreeAndTheScanAgreeOnAChainMessage() {
    JsonObject analytics = new JsonObject().put("symbol", "NIFTY").put("atmIv", 0.118)
        .put("straddle", new JsonObject().put("price", 301.25).put("impliedMovePercent", 1.28));
    byte[] bytes = analytics.encode().getBytes(StandardCharsets.UTF_8);
    MessageNumbers scanned = ScannedNumbers.scan(bytes, 0, bytes.length, Set.of("a"));
    MessageNumbers tree = MessageNumbers.of(analytics);
    assertThat(scanned.number(null, "atmIv")).isEqualTo(tree.number(null, "atmIv")).isEqualTo(0.118);
    assertThat(scanned.number("straddle", "impliedMovePercent")).isEqualTo(tree.number("straddle", "impliedMovePercent"));
  }
}
