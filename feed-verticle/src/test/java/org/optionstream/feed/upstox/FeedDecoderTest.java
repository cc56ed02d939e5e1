package org.optionstream.feed.upstox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.optionstream.common.tick.Tick;
import org.optionstream.feed.instruments.InstrumentMaster;
import org.optionstream.feed.instruments.MasterFixture;
import org.optionstream.feed.plan.SubscriptionPlanner;
import org.optionstream.feed.tick.TickAssembler;
import org.optionstream.simulator.SimFrames;
import org.optionstream.simulator.SimMarket;
import org.optionstream.simulator.SimulatorConfig;
import org.optionstream.upstox.proto.Feed;
import org.optionstream.upstox.proto.FeedResponse;
import org.optionstream.upstox.proto.FirstLevelWithGreeks;
import org.optionstream.upstox.proto.LTPC;
import org.optionstream.upstox.proto.MarketFullFeed;
import org.optionstream.upstox.proto.RequestMode;
import org.optionstream.upstox.proto.Type;

class FeedDecoderTest {

  @Test
  void classifiesWhatIsNotAFeedResponse() {
    assertThatThrownBy(() -> FeedDecoder.decode(new byte[0]))
        .isInstanceOfSatisfying(FrameDecodeException.class, e -> assertThat(e.kind()).isEqualTo("empty"));
    byte[] json = "{\"status\":\"error\",\"errors\":[{\"errorCode\":\"UDAPI100011\"}]}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> FeedDecoder.decode(json))
        .isInstanceOfSatisfying(FrameDecodeException.class, e -> {
          assertThat(e.kind()).isEqualTo("json_error");
          assertThat(e.sample()).contains("UDAPI100011");
        });
    assertThatThrownBy(() -> FeedDecoder.decode(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}))
        .isInstanceOfSatisfying(FrameDecodeException.class, e -> assertThat(e.kind()).isEqualTo("protobuf"));
  }

  /** Upstox adds fields (six to MarketFullFeed in 2026): frames carrying them decode, known values intact. */
  @Test
  void fieldsANewerSchemaAddsDecodeAndTheKnownValuesStayIntact() throws Exception {
    long now = 1_763_630_000_000L;
    SimMarket market = new SimMarket(SimulatorConfig.defaults(), now);
    SimMarket.Instrument option = market.instrument("NSE_FO|40001");
    SimFrames frames = new SimFrames(market);
    frames.newerSchema(true);
    Feed full = frames.feed(option, "full", now);
    Feed greeks = frames.feed(option, "option_greeks", now);
    byte[] frame = FeedResponse.newBuilder().setType(Type.live_feed).setCurrentTs(now)
        .putFeeds("full", full).putFeeds("greeks", greeks).build().toByteArray();

    FeedResponse decoded = FeedDecoder.decode(frame);
    MarketFullFeed marketFf = decoded.getFeedsMap().get("full").getFullFeed().getMarketFF();
    assertThat(marketFf.getUnknownFields().asMap()).as("fields this schema does not know").hasSize(6);
    assertThat(marketFf.getOi()).isEqualTo(full.getFullFeed().getMarketFF().getOi()).isPositive();
    assertThat(marketFf.getLtpc().getLtp()).isEqualTo(full.getFullFeed().getMarketFF().getLtpc().getLtp());
    assertThat(marketFf.getMarketLevel().getBidAskQuoteCount()).isEqualTo(5);
    assertThat(decoded.getFeedsMap().get("full").getRequestMode()).as("a full subscription is echoed as full_d5")
        .isEqualTo(RequestMode.full_d5);
    FirstLevelWithGreeks g = decoded.getFeedsMap().get("greeks").getFirstLevelWithGreeks();
    assertThat(g.getUnknownFields().asMap()).hasSize(6);
    assertThat(g.getOi()).isEqualTo(greeks.getFirstLevelWithGreeks().getOi());
  }

  /**
   * 100 000 random and truncated frames through decoder + assembler: nothing but
   * FrameDecodeException ever escapes, and the assembler keeps working afterwards.
   */
  @Test
  void oneHundredThousandRandomOrTruncatedFramesNeverEscape() throws Exception {
    LocalDate expiry = LocalDate.of(2025, 11, 25);
    InstrumentMaster master = MasterFixture.parse(MasterFixture.nifty(23_000, 24_400, 50, expiry), LocalDate.of(2025, 11, 20));
    SubscriptionPlanner planner = new SubscriptionPlanner(master, 500, 1.0);
    var tracked = planner.track("NIFTY", null);
    TickAssembler assembler = new TickAssembler(0.10);
    assembler.onSpot((s, p, t) -> {
      if (planner.onSpot(s, p, t)) {
        assembler.applyWindows(planner.current().windows());
      }
    });
    assembler.registerUnderlying("NIFTY", "NSE_INDEX|Nifty 50");
    assembler.registerExpiry(tracked.chain());
    List<Tick> out = new ArrayList<>();

    FeedResponse.Builder valid = FeedResponse.newBuilder().setType(Type.live_feed).setCurrentTs(1_763_600_000_000L)
        .putFeeds("NSE_INDEX|Nifty 50", Feed.newBuilder().setLtpc(LTPC.newBuilder().setLtp(23_700).setLtt(1_763_600_000_000L)).build());
    for (double k = 23_200; k <= 24_200; k += 50) {
      valid.putFeeds(MasterFixture.key(k, "CE", 0), Feed.newBuilder().setFirstLevelWithGreeks(FirstLevelWithGreeks.newBuilder()
          .setLtpc(LTPC.newBuilder().setLtp(100).setLtt(1_763_600_000_000L)).setOi(1000)).build());
    }
    byte[] good = valid.build().toByteArray();
    SplittableRandom random = new SplittableRandom(7);
    int rejected = 0;
    int decoded = 0;
    for (int i = 0; i < 100_000; i++) {
      byte[] frame;
      switch (i % 4) {
        case 0 -> {
          frame = new byte[random.nextInt(0, 300)];
          random.nextBytes(frame);
        }
        case 1 -> frame = Arrays.copyOf(good, random.nextInt(0, good.length));
        case 2 -> {
          frame = good.clone();
          for (int flips = 0; flips < 3; flips++) {
            frame[random.nextInt(frame.length)] = (byte) random.nextInt(256);
          }
        }
        default -> {
          frame = new byte[1 + random.nextInt(64)];
          random.nextBytes(frame);
          frame[0] = '{';
        }
      }
      try {
        FeedResponse r = FeedDecoder.decode(frame);
        assembler.accept(r, 1_763_600_000_000_000L + i, out::add);
        decoded++;
      } catch (FrameDecodeException e) {
        rejected++;
      }
    }
    assertThat(rejected + decoded).isEqualTo(100_000);
    assertThat(rejected).isPositive();
    out.clear();
    assembler.accept(FeedDecoder.decode(good), 1L, out::add);
    assertThat(out).hasSize(22);
    assertThat(out).allMatch(t -> Double.isFinite(t.getForward()) && t.getSequence() > 0);
  }
}
