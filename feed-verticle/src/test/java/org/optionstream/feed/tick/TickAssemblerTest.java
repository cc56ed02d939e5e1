package org.optionstream.feed.tick;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optionstream.common.pricing.ExpiryClock;
import org.optionstream.common.tick.ForwardSource;
import org.optionstream.common.tick.InstrumentKind;
import org.optionstream.common.tick.Tick;
import org.optionstream.common.tick.TickSource;
import org.optionstream.feed.instruments.InstrumentMaster;
import org.optionstream.feed.instruments.MasterFixture;
import org.optionstream.feed.plan.SubscriptionPlanner;
import org.optionstream.feed.upstox.FeedDecoder;
import org.optionstream.upstox.proto.Feed;
import org.optionstream.upstox.proto.FeedResponse;
import org.optionstream.upstox.proto.FirstLevelWithGreeks;
import org.optionstream.upstox.proto.FullFeed;
import org.optionstream.upstox.proto.IndexFullFeed;
import org.optionstream.upstox.proto.LTPC;
import org.optionstream.upstox.proto.MarketFullFeed;
import org.optionstream.upstox.proto.MarketInfo;
import org.optionstream.upstox.proto.MarketLevel;
import org.optionstream.upstox.proto.MarketStatus;
import org.optionstream.upstox.proto.Quote;
import org.optionstream.upstox.proto.RequestMode;
import org.optionstream.upstox.proto.Type;

/** Hand-built V3 frames of every mode and shape, through the decoder, into ticks. */
class TickAssemblerTest {

  private static final LocalDate EXPIRY = LocalDate.of(2025, 11, 25);
  private static final long T0 = LocalDate.of(2025, 11, 20).atTime(10, 0).toEpochSecond(ZoneOffset.ofHoursMinutes(5, 30)) * 1000;
  private static final String INDEX = "NSE_INDEX|Nifty 50";
  private static final String ATM_CE = MasterFixture.key(23_700, "CE", 0);
  private static final String ATM_PE = MasterFixture.key(23_700, "PE", 0);
  private static final String OTM_CE = MasterFixture.key(23_900, "CE", 0);

  private TickAssembler assembler;
  private SubscriptionPlanner planner;
  private final List<Tick> out = new ArrayList<>();
  private final List<String> unknown = new ArrayList<>();

  @BeforeEach
  void setUp() {
    InstrumentMaster master = MasterFixture.parse(MasterFixture.nifty(23_000, 24_400, 50, EXPIRY), LocalDate.of(2025, 11, 20));
    planner = new SubscriptionPlanner(master, 500, 1.0);
    var tracked = planner.track("NIFTY", null);
    assembler = new TickAssembler(0.10).onUnknown(unknown::add).onSpot((s, p, t) -> {
      if (planner.onSpot(s, p, t)) {
        assembler.applyWindows(planner.current().windows());
      }
    });
    assembler.registerUnderlying("NIFTY", INDEX);
    assembler.registerExpiry(tracked.chain());
  }

  private List<Tick> run(FeedResponse frame) throws Exception {
    out.clear();
    FeedResponse decoded = FeedDecoder.decode(frame.toByteArray());
    assembler.accept(decoded, T0 * 1000 + 123, out::add);
    return List.copyOf(out);
  }

  private static LTPC ltpc(double ltp, long ltt) {
    return LTPC.newBuilder().setLtp(ltp).setLtt(ltt).setLtq(75).setCp(ltp * 0.9).build();
  }

  @Test
  void indexLtpcThenOptionGreeksThenFull() throws Exception {
    // index in ltpc: INDEX tick, centres the window on 23 700
    List<Tick> ticks = run(FeedResponse.newBuilder().setType(Type.initial_feed).setCurrentTs(T0)
        .putFeeds(INDEX, Feed.newBuilder().setLtpc(ltpc(23_712.5, T0)).setRequestMode(RequestMode.ltpc).build()).build());
    assertThat(ticks).singleElement().satisfies(t -> {
      assertThat(t.getKind()).isEqualTo(InstrumentKind.INDEX);
      assertThat(t.getLastPrice()).isEqualTo(23_712.5);
      assertThat(t.getUnderlyingPrice()).isEqualTo(23_712.5);
      assertThat(t.getClosePrice()).isEqualTo(23_712.5 * 0.9);
      assertThat(t.getExchangeTimeMs()).isEqualTo(T0);
      assertThat(t.getFeedReceivedAtMicros()).isEqualTo(T0 * 1000 + 123);
      assertThat(t.getSequence()).isEqualTo(1);
      assertThat(t.getSource()).isEqualTo(TickSource.STREAM);
    });

    // option_greeks shape: OI, depth, volume; only the call known: forward from spot
    ticks = run(FeedResponse.newBuilder().setType(Type.live_feed).setCurrentTs(T0 + 10)
        .putFeeds(ATM_CE, Feed.newBuilder().setFirstLevelWithGreeks(FirstLevelWithGreeks.newBuilder()
            .setLtpc(ltpc(120.0, T0 + 5)).setFirstDepth(Quote.newBuilder().setBidP(119.5).setBidQ(750).setAskP(120.5).setAskQ(1500))
            .setVtt(123_000).setOi(4_500_000).setIv(13.2)).setRequestMode(RequestMode.option_greeks).build()).build());
    double years = ExpiryClock.yearsToExpiry(T0 + 10, ExpiryClock.expiryInstantMillis((int) EXPIRY.toEpochDay()));
    assertThat(ticks).singleElement().satisfies(t -> {
      assertThat(t.getKind()).isEqualTo(InstrumentKind.CALL);
      assertThat(t.getStrike()).isEqualTo(23_700);
      assertThat(t.getExpiryEpochDay()).isEqualTo((int) EXPIRY.toEpochDay());
      assertThat(t.getLastPrice()).isEqualTo(120.0);
      assertThat(t.getBidPrice()).isEqualTo(119.5);
      assertThat(t.getAskPrice()).isEqualTo(120.5);
      assertThat(t.getBidQty()).isEqualTo(750);
      assertThat(t.getAskQty()).isEqualTo(1500);
      assertThat(t.getVolume()).isEqualTo(123_000);
      assertThat(t.getOpenInterest()).isEqualTo(4_500_000);
      assertThat(t.hasPrevOpenInterest()).isFalse();
      assertThat(t.getExchangeTimeMs()).as("frame time is later than the trade").isEqualTo(T0 + 10);
      assertThat(t.getUnderlyingPrice()).isEqualTo(23_712.5);
      assertThat(t.getForwardSource()).isEqualTo(ForwardSource.SPOT);
      assertThat(t.getForward()).isCloseTo(23_712.5 * Math.exp(0.10 * years), within(1e-9));
      assertThat(t.getAtmStrike()).isEqualTo(23_700);
      assertThat(t.getWindowLowStrike()).isEqualTo(23_200);
      assertThat(t.getWindowHighStrike()).isEqualTo(24_200);
      assertThat(t.getStrikeStep()).isEqualTo(50);
      assertThat(t.getLotSize()).isEqualTo(75);
    });

    // full (marketFF) for the ATM put: now both ATM mids are known -> synthetic forward by parity
    ticks = run(FeedResponse.newBuilder().setType(Type.live_feed).setCurrentTs(T0 + 20)
        .putFeeds(ATM_PE, Feed.newBuilder().setFullFeed(FullFeed.newBuilder().setMarketFF(MarketFullFeed.newBuilder()
            .setLtpc(ltpc(95.0, T0 + 15))
            .setMarketLevel(MarketLevel.newBuilder()
                .addBidAskQuote(Quote.newBuilder().setBidP(94.0).setBidQ(75).setAskP(96.0).setAskQ(150))
                .addBidAskQuote(Quote.newBuilder().setBidP(93.0).setBidQ(75).setAskP(97.0).setAskQ(150)))
            .setVtt(50_000).setOi(3_000_000).setAtp(94.2))).setRequestMode(RequestMode.full_d5).build()).build());
    double years2 = ExpiryClock.yearsToExpiry(T0 + 20, ExpiryClock.expiryInstantMillis((int) EXPIRY.toEpochDay()));
    assertThat(ticks).singleElement().satisfies(t -> {
      assertThat(t.getKind()).isEqualTo(InstrumentKind.PUT);
      assertThat(t.getBidPrice()).isEqualTo(94.0);
      assertThat(t.getAskPrice()).isEqualTo(96.0);
      assertThat(t.getOpenInterest()).isEqualTo(3_000_000);
      assertThat(t.getForwardSource()).isEqualTo(ForwardSource.SYNTHETIC);
      // F = K + (C - P) e^{rT} with the mids C = 120, P = 95
      assertThat(t.getForward()).isCloseTo(23_700 + (120.0 - 95.0) * Math.exp(0.10 * years2), within(1e-9));
    });

    // ltpc-only update of the call: no OI in the shape, the last known OI and depth are carried
    ticks = run(FeedResponse.newBuilder().setType(Type.live_feed)
        .putFeeds(ATM_CE, Feed.newBuilder().setLtpc(ltpc(121.0, T0 + 30)).build()).build());
    assertThat(ticks).singleElement().satisfies(t -> {
      assertThat(t.getLastPrice()).isEqualTo(121.0);
      assertThat(t.getOpenInterest()).isEqualTo(4_500_000);
      assertThat(t.getBidPrice()).isEqualTo(119.5);
      assertThat(t.getSequence()).isEqualTo(2);
    });
  }

  @Test
  void indexFullShapeAndIndexBeforeOptionsInOneFrame() throws Exception {
    List<Tick> ticks = run(FeedResponse.newBuilder().setType(Type.live_feed).setCurrentTs(T0)
        .putFeeds(OTM_CE, Feed.newBuilder().setFirstLevelWithGreeks(FirstLevelWithGreeks.newBuilder()
            .setLtpc(ltpc(40.0, T0)).setOi(1000)).build())
        .putFeeds(INDEX, Feed.newBuilder().setFullFeed(FullFeed.newBuilder().setIndexFF(IndexFullFeed.newBuilder()
            .setLtpc(ltpc(23_690.0, T0)))).setRequestMode(RequestMode.full_d5).build())
        .build());
    assertThat(ticks).hasSize(2);
    assertThat(ticks.get(0).getKind()).isEqualTo(InstrumentKind.INDEX);
    assertThat(ticks.get(0).getLastPrice()).isEqualTo(23_690.0);
    assertThat(ticks.get(1).getUnderlyingPrice()).isEqualTo(23_690.0);
    assertThat(ticks.get(1).getAtmStrike()).isEqualTo(23_700);
  }

  @Test
  void marketInfoAndUnknownKeysMakeNoTicks() throws Exception {
    assertThat(run(FeedResponse.newBuilder().setType(Type.market_info).setCurrentTs(T0)
        .setMarketInfo(MarketInfo.newBuilder().putSegmentStatus("NSE_FO", MarketStatus.NORMAL_OPEN)).build())).isEmpty();
    assertThat(run(FeedResponse.newBuilder().setType(Type.live_feed)
        .putFeeds("NSE_FO|999999", Feed.newBuilder().setLtpc(ltpc(1, T0)).build()).build())).isEmpty();
    assertThat(unknown).containsExactly("NSE_FO|999999");
  }

  @Test
  void exchangeTimeFallsBackToTheFrameTimestamp() throws Exception {
    List<Tick> ticks = run(FeedResponse.newBuilder().setType(Type.live_feed).setCurrentTs(T0 + 777)
        .putFeeds(INDEX, Feed.newBuilder().setLtpc(LTPC.newBuilder().setLtp(23_700)).build()).build());
    assertThat(ticks.get(0).getExchangeTimeMs()).isEqualTo(T0 + 777);
    // an older trade time later never moves the instrument's exchange time backwards
    ticks = run(FeedResponse.newBuilder().setType(Type.live_feed)
        .putFeeds(INDEX, Feed.newBuilder().setLtpc(ltpc(23_701, T0 + 100)).build()).build());
    assertThat(ticks.get(0).getExchangeTimeMs()).isEqualTo(T0 + 777);
    assertThat(ticks.get(0).getSequence()).isEqualTo(2);
  }

  @Test
  void restChainRowsBecomeRestPollTicksWithPreviousOi() {
    JsonArray rows = new JsonArray().add(new JsonObject()
        .put("strike_price", 23_700.0).put("underlying_key", INDEX).put("underlying_spot_price", 23_705.0)
        .put("call_options", new JsonObject().put("instrument_key", ATM_CE).put("market_data", new JsonObject()
            .put("ltp", 110.0).put("volume", 1000).put("oi", 2_000_000.0).put("close_price", 100.0)
            .put("bid_price", 109.5).put("bid_qty", 75).put("ask_price", 110.5).put("ask_qty", 75).put("prev_oi", 1_800_000.0)))
        .put("put_options", new JsonObject().put("instrument_key", ATM_PE).put("market_data", new JsonObject()
            .put("ltp", 100.0).put("oi", 2_500_000.0).put("prev_oi", 2_400_000.0))));
    int n = assembler.acceptChain(rows, T0 * 1000, k -> true, out::add);
    assertThat(n).isEqualTo(3);
    assertThat(out).allMatch(t -> t.getSource() == TickSource.REST_POLL);
    assertThat(out.get(0).getKind()).isEqualTo(InstrumentKind.INDEX);
    Tick call = out.get(1);
    assertThat(call.getPrevOpenInterest()).isEqualTo(1_800_000.0);
    assertThat(call.getOpenInterest()).isEqualTo(2_000_000.0);
    assertThat(call.getUnderlyingPrice()).isEqualTo(23_705.0);
    assertThat(call.getAtmStrike()).isEqualTo(23_700);
    assertThat(call.getExchangeTimeMs()).isEqualTo(T0);
  }
}
