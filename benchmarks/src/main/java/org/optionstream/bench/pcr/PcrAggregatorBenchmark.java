package org.optionstream.bench.pcr;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.optionstream.common.tick.InstrumentKind;
import org.optionstream.common.tick.Tick;
import org.optionstream.pcr.aggregate.ExpiryBook;
import org.optionstream.pcr.aggregate.PcrAggregator;

/**
 * Ticks per second the PCR aggregator absorbs on one thread (one core), with a 200-instrument
 * window: 100 strikes × CE/PE inside the window plus 10 strikes each side outside it (240
 * instruments tracked). Every tick is newer than the last of its instrument and carries a new OI
 * and volume; every 5,000 ticks the ATM moves one strike up or down, so the window re-centres
 * (rebuilding its totals) as it does intraday.
 *
 * <p>{@code apply}: routing + newest-wins check + O(1) totals update on already decoded ticks.
 * {@code decodeAndApply}: the same preceded by the protobuf decode a clustered consumer pays
 * (the {@code market.ticks} codec body is the tick's protobuf bytes).
 * Each invocation applies a batch of {@link #BATCH} ticks to a fresh aggregator; results are
 * reported per tick ({@link OperationsPerInvocation}), in ticks per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xms512m", "-Xmx512m", "-XX:ActiveProcessorCount=1"})
@Threads(1)
public class PcrAggregatorBenchmark {

  static final int BATCH = 100_000;
  static final int WINDOW_STRIKES = 100;
  static final int OUTSIDE_EACH_SIDE = 10;
  static final double STEP = 50;
  static final double FIRST_STRIKE = 22_000;
  static final int RECENTRE_EVERY = 5_000;

  private Tick[] ticks;
  private byte[][] wire;
  private PcrAggregator aggregator;

  @Setup(Level.Trial)
  public void generate() {
    SplittableRandom random = new SplittableRandom(42);
    int strikes = WINDOW_STRIKES + 2 * OUTSIDE_EACH_SIDE;
    int instruments = strikes * 2;
    long[] sequence = new long[instruments];
    double[] oi = new double[instruments];
    for (int i = 0; i < instruments; i++) {
      oi[i] = 100_000 + random.nextInt(5_000_000);
    }
    List<Tick> list = new ArrayList<>(BATCH);
    int atmIndex = OUTSIDE_EACH_SIDE + WINDOW_STRIKES / 2;
    long time = 1_763_610_300_000L;
    for (int n = 0; n < BATCH; n++) {
      if (n > 0 && n % RECENTRE_EVERY == 0) {
        atmIndex += random.nextBoolean() ? 1 : -1;
        atmIndex = Math.max(OUTSIDE_EACH_SIDE + WINDOW_STRIKES / 2 - 5, Math.min(OUTSIDE_EACH_SIDE + WINDOW_STRIKES / 2 + 5, atmIndex));
      }
      if (n % 50 == 0) {
        time++;
      }
      int instrument = random.nextInt(instruments);
      int strikeIndex = instrument / 2;
      boolean call = instrument % 2 == 0;
      oi[instrument] += random.nextInt(-3000, 3001);
      if (oi[instrument] < 0) {
        oi[instrument] = 0;
      }
      double strike = FIRST_STRIKE + strikeIndex * STEP;
      double atm = FIRST_STRIKE + atmIndex * STEP;
      list.add(Tick.newBuilder()
          .setInstrumentKey("NSE_FO|" + (50_000 + instrument))
          .setSymbol("NIFTY")
          .setKind(call ? InstrumentKind.CALL : InstrumentKind.PUT)
          .setStrike(strike)
          .setExpiryEpochDay(20_419)
          .setLastPrice(120.5)
          .setExchangeTimeMs(time)
          .setSequence(++sequence[instrument])
          .setOpenInterest(oi[instrument])
          .setPrevOpenInterest(3_000_000)
          .setVolume(n)
          .setBidPrice(120.4)
          .setAskPrice(120.6)
          .setUnderlyingPrice(atm + 7)
          .setForward(atm + 30)
          .setAtmStrike(atm)
          .setWindowLowStrike(atm - STEP * (WINDOW_STRIKES / 2))
          .setWindowHighStrike(atm + STEP * (WINDOW_STRIKES / 2 - 1))
          .setStrikeStep(STEP)
          .setLotSize(75)
          .build());
    }
    ticks = list.toArray(new Tick[0]);
    wire = new byte[BATCH][];
    for (int i = 0; i < BATCH; i++) {
      wire[i] = ticks[i].toByteArray();
    }
  }

  /** A fresh aggregator per batch: the batch's ticks are newer than nothing it holds. */
  @Setup(Level.Invocation)
  public void freshAggregator() {
    aggregator = new PcrAggregator();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void apply(Blackhole bh) {
    PcrAggregator a = aggregator;
    for (Tick tick : ticks) {
      ExpiryBook book = a.bookFor(tick);
      bh.consume(book.apply(tick));
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void decodeAndApply(Blackhole bh) throws Exception {
    PcrAggregator a = aggregator;
    for (byte[] bytes : wire) {
      Tick tick = Tick.parseFrom(bytes);
      ExpiryBook book = a.bookFor(tick);
      bh.consume(book.apply(tick));
    }
  }

  /** The figures a publication reads (incl. max pain over 120 strikes), at most a few per second per key. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void applyThenFigures(Blackhole bh) {
    PcrAggregator a = aggregator;
    ExpiryBook book = null;
    for (Tick tick : ticks) {
      book = a.bookFor(tick);
      book.apply(tick);
    }
    bh.consume(book.figures());
  }
}
