package org.optionstream.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optionstream.common.Addresses;
import org.optionstream.common.codec.Codecs;
import org.optionstream.common.json.FeedState;
import org.optionstream.common.tick.InstrumentKind;
import org.optionstream.common.tick.Tick;

/** The planner live: re-centring as the simulated index crosses strikes, and feed.subscribe. */
@ExtendWith(VertxExtension.class)
class FeedPlanningTest {

  private FeedTestSupport t;

  @BeforeEach
  void setUp(Vertx vertx) {
    Codecs.register(vertx);
    t = new FeedTestSupport(vertx);
    // a still index (time scale 0) so only the test moves it; no carry, so the windows are centred on the
    // index whatever today's distance to expiry (centring on the forward: SubscriptionPlannerTest)
    t.startSimulator(Map.of("SIM_TICKS_PER_SECOND", "400", "SIM_TIME_SCALE", "0", "RISK_FREE_RATE", "0"));
    t.startFeed(t.liveConfig(Map.of("RISK_FREE_RATE", "0")));
    t.until("live", 15_000, () -> t.sawState(FeedState.LIVE) && t.ticks.size() > 50);
  }

  private Tick lastOption(String symbol) {
    for (int i = t.ticks.size() - 1; i >= 0; i--) {
      Tick x = t.ticks.get(i);
      if (x.getKind() != InstrumentKind.INDEX && x.getSymbol().equals(symbol)) {
        return x;
      }
    }
    return null;
  }

  @Test
  void recentresAsTheIndexCrossesStrikes() {
    assertThat(lastOption("NIFTY").getAtmStrike()).isEqualTo(23_700);
    JsonObject before = t.stats();

    // 23 740 is inside the hysteresis band: nothing changes
    t.control("POST", "/sim/control/spot?symbol=NIFTY&price=23740");
    int mark = t.ticks.size();
    t.until("index ticks at 23 740", 10_000, () -> t.ticks.stream().skip(mark)
        .anyMatch(x -> x.getKind() == InstrumentKind.INDEX && x.getLastPrice() == 23_740));
    assertThat(t.stats().getLong("unsubscribes")).isEqualTo(before.getLong("unsubscribes"));

    // past the next strike: 23 700 -> 23 850 (three strikes up)
    t.control("POST", "/sim/control/spot?symbol=NIFTY&price=23851");
    t.until("options carry the new ATM", 10_000, () -> lastOption("NIFTY").getAtmStrike() == 23_850);
    Tick option = lastOption("NIFTY");
    assertThat(option.getWindowLowStrike()).isEqualTo(23_350);
    assertThat(option.getWindowHighStrike()).isEqualTo(24_350);
    t.until("socket re-planned", 5_000, () -> t.stats().getLong("changeModes") > before.getLong("changeModes"));
    JsonObject after = t.stats();
    assertThat(after.getLong("unsubscribes")).isGreaterThan(before.getLong("unsubscribes"));
    assertThat(after.getInteger("subscribedKeys")).isEqualTo(43);
    int mark2 = t.ticks.size();
    t.until("ticks from the new top strike", 10_000, () -> t.ticks.stream().skip(mark2)
        .anyMatch(x -> x.getStrike() == 24_350));
    // strikes that left the window stop arriving (allow frames already in flight)
    int mark3 = t.ticks.size() + 200;
    t.until("more ticks", 10_000, () -> t.ticks.size() > mark3 + 400);
    List<Tick> received = List.copyOf(t.ticks); // a snapshot: ticks keep arriving while we look
    assertThat(received.subList(mark3, received.size())).noneMatch(x -> x.getKind() != InstrumentKind.INDEX
        && x.getStrike() < 23_350);
  }

  @Test
  void feedSubscribeAddsBankNiftyAndRejectsUnknownSymbols() {
    JsonObject reply = FeedTestSupport.await(t.vertx.eventBus().<JsonObject>request(Addresses.FEED_SUBSCRIBE,
        new JsonObject().put("symbol", "BANKNIFTY"))).body();
    assertThat(reply.getBoolean("ok")).isTrue();
    assertThat(reply.getString("indexKey")).isEqualTo("NSE_INDEX|Nifty Bank");
    assertThat(reply.getDouble("atmStrike")).isEqualTo(51_200.0);
    assertThat(reply.getDouble("strikeStep")).isEqualTo(100.0);
    assertThat(reply.getInteger("lotSize")).isEqualTo(30);
    t.until("BANKNIFTY option ticks", 10_000, () -> lastOption("BANKNIFTY") != null);
    Tick bank = lastOption("BANKNIFTY");
    assertThat(bank.getUnderlyingPrice()).isEqualTo(51_200.0);
    assertThat(bank.getWindowLowStrike()).isEqualTo(50_700);
    assertThat(bank.getExpiryEpochDay()).isEqualTo(java.time.LocalDate.parse(reply.getString("expiry")).toEpochDay());
    t.until("BANKNIFTY keys on the socket", 5_000, () -> t.stats().getInteger("subscribedKeys") == 43 + 1 + 11 * 2);

    // the same again is idempotent
    JsonObject again = FeedTestSupport.await(t.vertx.eventBus().<JsonObject>request(Addresses.FEED_SUBSCRIBE,
        new JsonObject().put("symbol", "banknifty").put("expiry", reply.getString("expiry")))).body();
    assertThat(again.getBoolean("alreadyTracked")).isTrue();

    ReplyException unknown = failure(new JsonObject().put("symbol", "BANKEX"));
    assertThat(unknown.failureCode()).isEqualTo(400);
    assertThat(unknown.getMessage()).contains("unknown symbol 'BANKEX'")
        .contains("BANKNIFTY, FINNIFTY, MIDCPNIFTY, NIFTY, SENSEX");
    ReplyException badExpiry = failure(new JsonObject().put("symbol", "NIFTY").put("expiry", "2020-01-01"));
    assertThat(badExpiry.failureCode()).isEqualTo(400);
    assertThat(badExpiry.getMessage()).contains("listed expiries");
    assertThat(failure(new JsonObject()).getMessage()).contains("symbol is required");
  }

  private ReplyException failure(JsonObject request) {
    try {
      FeedTestSupport.await(t.vertx.eventBus().request(Addresses.FEED_SUBSCRIBE, request));
    } catch (IllegalStateException e) {
      if (e.getCause() instanceof ReplyException r) {
        return r;
      }
      throw e;
    }
    throw new AssertionError("expected a failure for " + request);
  }
}
