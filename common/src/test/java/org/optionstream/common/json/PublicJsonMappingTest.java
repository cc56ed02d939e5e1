package org.optionstream.common.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.optionstream.common.pricing.IvStatus;
import org.optionstream.common.time.IstTime;

/** The public messages carry the fields docs/event-bus.md shows, with their units, and never NaN/Infinity. */
class PublicJsonMappingTest {

  /** Keys of the {@code greeks_update} example in docs/event-bus.md. */
  private static final Set<String> EXAMPLE_GREEKS_KEYS = Set.of("instrumentKey", "symbol", "strike", "type",
      "expiry", "price", "oi", "iv", "greeks", "timestamp", "underlyingPrice", "forward", "forwardSource",
      "timeToExpiry", "rate", "ivStatus");
  private static final Set<String> EXAMPLE_PCR_KEYS = Set.of("symbol", "expiry", "pcr", "totalCeOi", "totalPeOi",
      "strikeFrom", "strikeTo", "timestamp");

  static GreeksUpdate documentedExample() {
    long exchangeTime = IstTime.parseTimestamp("2025-11-20T09:15:01.123+05:30");
    return GreeksUpdate.builder().instrumentKey("NSE_FO|43885").symbol("NIFTY").strike(23500).type("CE")
        .expiry("2025-11-27").price(123.45).oi(1234500).oiChange(34500).volume(987650).bid(123.4).ask(123.5)
        .iv(0.1423).delta(0.52).gamma(0.0011).theta(-12.3).vega(8.9).rho(3.1).exchangeTimeMs(exchangeTime).sequence(7)
        .underlyingPrice(23512.3).forward(23530.1).forwardSource("SYNTHETIC").timeToExpiry(0.0191).rate(0.10)
        .ivStatus(IvStatus.OK).feedReceivedAtMicros(1_763_610_301_125_000L).build();
  }

  @Test
  void greeksUpdateHasEveryDocumentedFieldWithItsValue() {
    JsonObject message = documentedExample().toMessage();
    assertThat(message.getString("type")).isEqualTo("greeks_update");
    JsonObject data = message.getJsonObject("data");
    assertThat(data.fieldNames()).containsAll(EXAMPLE_GREEKS_KEYS);
    assertThat(data.getString("instrumentKey")).isEqualTo("NSE_FO|43885");
    assertThat(data.getDouble("strike")).isEqualTo(23500.0);
    assertThat(data.getString("type")).isEqualTo("CE");
    assertThat(data.getString("expiry")).isEqualTo("2025-11-27");
    assertThat(data.getDouble("iv")).as("iv is a fraction").isEqualTo(0.1423);
    assertThat(data.getJsonObject("greeks").fieldNames()).containsExactlyInAnyOrder("delta", "gamma", "theta", "vega", "rho");
    assertThat(data.getJsonObject("greeks").getDouble("theta")).isEqualTo(-12.3);
    assertThat(data.getString("timestamp")).isEqualTo("2025-11-20T09:15:01.123+05:30");
    assertThat(data.getString("forwardSource")).isEqualTo("SYNTHETIC");
    assertThat(data.getDouble("timeToExpiry")).isEqualTo(0.0191);
    assertThat(data.getDouble("rate")).isEqualTo(0.10);
    assertThat(data.getString("ivStatus")).isEqualTo("OK");
  }

  @Test
  void greeksUpdateRoundTrips() {
    GreeksUpdate original = documentedExample();
    assertThat(GreeksUpdate.fromJson(new JsonObject(original.toJson().encode()))).isEqualTo(original);
  }

  @Test
  void unsolvedIvIsNullWithItsStatusAndNullGreeksNeverNaN() {
    GreeksUpdate unsolved = GreeksUpdate.builder().instrumentKey("NSE_FO|1").symbol("NIFTY").strike(21000).type("PE")
        .expiry("2025-11-27").price(0.05).oi(10).oiChange(Double.NaN).volume(0).bid(Double.NaN).ask(Double.NaN)
        .iv(Double.NaN).delta(Double.NaN).gamma(Double.NaN).theta(Double.NaN).vega(Double.POSITIVE_INFINITY)
        .rho(Double.NEGATIVE_INFINITY).exchangeTimeMs(1_763_610_301_123L).sequence(1).underlyingPrice(23512.3)
        .forward(23530.1).forwardSource("SPOT").timeToExpiry(0.0191).rate(0.10).ivStatus(IvStatus.BELOW_INTRINSIC)
        .feedReceivedAtMicros(0).build();
    String text = unsolved.toMessage().encode();
    assertThat(text).doesNotContain("NaN").doesNotContain("Infinity");
    JsonObject data = new JsonObject(text).getJsonObject("data");
    assertThat(data.containsKey("iv")).isTrue();
    assertThat(data.getValue("iv")).isNull();
    assertThat(data.getString("ivStatus")).isEqualTo("BELOW_INTRINSIC");
    assertThat(data.getJsonObject("greeks").getValue("vega")).isNull();
    assertThat(data.getValue("oiChange")).isNull();
  }

  @Test
  void ivIsNullWheneverTheStatusIsNotOkEvenIfANumberWasCarried() {
    GreeksUpdate expired = GreeksUpdate.builder().instrumentKey("NSE_FO|1").symbol("NIFTY").strike(23500).type("CE")
        .expiry("2025-11-27").price(10).oi(10).oiChange(0).volume(0).bid(9).ask(11).iv(0.2).delta(0.5).gamma(0.001)
        .theta(-1).vega(1).rho(1).exchangeTimeMs(1_763_610_301_123L).sequence(1).underlyingPrice(23512.3)
        .forward(23530.1).forwardSource("SPOT").timeToExpiry(0).rate(0.10).ivStatus(IvStatus.EXPIRED)
        .feedReceivedAtMicros(0).build();
    assertThat(expired.toJson().getValue("iv")).isNull();
  }

  @Test
  void pcrUpdateHasTheWindowFieldsAndNullWhileCeOiIsZero() {
    long t = IstTime.parseTimestamp("2025-11-20T09:15:01.123+05:30");
    PcrUpdate update = PcrUpdate.builder().symbol("NIFTY").expiry("2025-11-27").pcr(0.93).totalCeOi(1.2e7)
        .totalPeOi(1.1e7).strikeFrom(23000).strikeTo(24000).exchangeTimeMs(t).build();
    JsonObject message = update.toMessage();
    assertThat(message.getString("type")).isEqualTo("pcr_update");
    JsonObject data = message.getJsonObject("data");
    assertThat(data.fieldNames()).containsAll(EXAMPLE_PCR_KEYS);
    assertThat(data.getDouble("pcr")).isEqualTo(0.93);
    assertThat(data.getDouble("strikeFrom")).isEqualTo(23000.0);
    assertThat(data.getString("timestamp")).isEqualTo("2025-11-20T09:15:01.123+05:30");

    PcrUpdate noCalls = PcrUpdate.builder().symbol("NIFTY").expiry("2025-11-27").pcr(5.0 / 0.0).totalCeOi(0)
        .totalPeOi(1.1e7).strikeFrom(23000).strikeTo(24000).exchangeTimeMs(t).build();
    assertThat(noCalls.toMessage().encode()).doesNotContain("Infinity");
    assertThat(noCalls.toJson().getValue("pcr")).isNull();
  }

  @Test
  void feedStatusCarriesTheDocumentedFields() {
    FeedStatus status = new FeedStatus(FeedState.POLLING, 44, 1_763_610_301_123L, 0, "socket closed (1006)");
    JsonObject json = status.toJson();
    assertThat(json.fieldNames()).contains("state", "subscribed", "since", "lastTickAt", "reason");
    assertThat(json.getString("state")).isEqualTo("POLLING");
    assertThat(json.getValue("lastTickAt")).isNull();
    assertThat(FeedStatus.fromJson(json)).isEqualTo(status);
  }

  @Test
  void feedStatusCarriesTickAgeAndDecodeErrorsAndReadsOlderBodies() {
    FeedStatus stale = new FeedStatus(FeedState.STALE, 43, 1_763_610_301_123L, 1_763_610_300_000L, "no ticks",
        6_123L, Map.of("protobuf", 3L, "json_error", 1L));
    JsonObject json = stale.toJson();
    assertThat(json.getString("state")).isEqualTo("STALE");
    assertThat(json.getLong("lastTickAgeMs")).isEqualTo(6_123L);
    assertThat(json.getLong("decodeErrors")).isEqualTo(4L);
    assertThat(json.getJsonObject("decodeErrorsByKind").getMap()).containsOnly(
        Map.entry("json_error", 1L), Map.entry("protobuf", 3L));
    assertThat(FeedStatus.fromJson(json)).isEqualTo(stale);

    JsonObject older = new JsonObject().put("state", "LIVE").put("subscribed", 3).put("sinceMs", 1L).put("reason", "r");
    FeedStatus read = FeedStatus.fromJson(older);
    assertThat(read.lastTickAgeMs()).isNull();
    assertThat(read.decodeErrors()).isZero();
    assertThat(new FeedStatus(FeedState.LIVE, 3, 1L, 0, "r").toJson().getValue("lastTickAgeMs")).isNull();
  }

  @Test
  void feedStatusSaysItsSourceAndUpstoxsRejectionOfTheToken() {
    FeedStatus rejected = new FeedStatus(FeedState.AUTH_REJECTED, 0, 1_763_610_301_123L, 0, "Upstox rejected the token",
        null, Map.of(), FeedSource.UPSTOX, new FeedStatus.AuthError(401, "UDAPI100050", "Invalid token used to access API"),
        Map.of(), FeedStatus.UnseenKeys.NONE);
    JsonObject json = rejected.toJson();
    assertThat(json.getString("state")).isEqualTo("AUTH_REJECTED");
    assertThat(json.getString("source")).isEqualTo("upstox");
    assertThat(json.getJsonObject("authError").getMap()).containsOnly(Map.entry("httpStatus", 401),
        Map.entry("code", "UDAPI100050"), Map.entry("message", "Invalid token used to access API"));
    assertThat(FeedStatus.fromJson(json)).isEqualTo(rejected);

    FeedStatus live = new FeedStatus(FeedState.LIVE, 43, 1L, 2L, "r", 5L, Map.of(), FeedSource.SIMULATOR, null,
        Map.of("NSE_FO", "NORMAL_CLOSE", "NSE_INDEX", "NORMAL_CLOSE"),
        new FeedStatus.UnseenKeys(30, java.util.List.of("NSE_FO|40001", "NSE_FO|40002")));
    JsonObject simulated = live.toJson();
    assertThat(simulated.getString("source")).isEqualTo("simulator");
    assertThat(simulated.getValue("authError")).isNull();
    assertThat(simulated.getJsonObject("marketStatus").getString("NSE_FO")).isEqualTo("NORMAL_CLOSE");
    assertThat(simulated.getJsonObject("unseenKeys").getInteger("count")).isEqualTo(30);
    assertThat(simulated.getJsonObject("unseenKeys").getJsonArray("sample")).containsExactly("NSE_FO|40001", "NSE_FO|40002");
    assertThat(FeedStatus.fromJson(simulated)).isEqualTo(live);
    FeedStatus older = FeedStatus.fromJson(new JsonObject().put("state", "LIVE").put("sinceMs", 1L));
    assertThat(older.marketStatus()).isEmpty();
    assertThat(older.unseenKeys().count()).isZero();
  }
}
