package org.optionstream.bench.feed;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.optionstream.common.tick.Tick;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.optionstream.feed.instruments.InstrumentMaster;
import org.optionstream.feed.record.FeedRecorder;
import org.optionstream.journal.JournalRecorder;
import org.optionstream.feed.plan.SubscriptionPlanner;
import org.optionstream.simulator.SimFrames;
import org.optionstream.simulator.SimMarket;
import org.optionstream.simulator.SimulatorConfig;
import org.optionstream.feed.tick.TickAssembler;
import org.optionstream.feed.upstox.FeedDecoder;
import org.optionstream.feed.upstox.FrameDecodeException;
import org.optionstream.upstox.proto.FeedResponse;
import org.optionstream.upstox.proto.Type;
import org.optionstream.common.time.IstTime;

/**
 * The feed's hot path on one thread: V3 protobuf frames (as the simulator and Upstox batch them:
 * {@link #FEEDS_PER_FRAME} feeds of a NIFTY ±500 window, the ATM pair in {@code full}, the rest in
 * {@code option_greeks}, the index in {@code ltpc}) decoded, and decoded + assembled into internal
 * {@link Tick}s (index price, forward by parity, window, sequence: everything but the event-bus hop).
 * <ul>
 *   <li>{@code decode}: frames decoded per second;</li>
 *   <li>{@code decodeAndAssemble}: ticks emitted per second (one op = one feed = one tick);</li>
 *   <li>{@code decodeRecording}: frames decoded per second while each is also handed to the journal as the live
 *   feed does it ({@link FeedRecorder#frame}: a copy queued for the journal's own thread, which writes to a
 *   temporary directory meanwhile, on the same single core).</li>
 * </ul>
 * Run by {@code bench/feed.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:ActiveProcessorCount=1", "-Xmx512m"})
public class FeedDecodeBenchmark {

  /** Feeds per frame; Upstox batches several instruments per live_feed frame. */
  public static final int FEEDS_PER_FRAME = 40;
  private static final int FRAMES = 256;

  private byte[][] frames;
  private Buffer[] buffers;
  private Path journalDir;
  private JournalRecorder journal;
  private FeedRecorder recorder;
  private int next;
  private TickAssembler assembler;
  private long receivedMicros;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    long now = LocalDate.now().atTime(11, 0).toEpochSecond(IstTime.IST_OFFSET) * 1000;
    SimulatorConfig config = SimulatorConfig.defaults();
    SimMarket market = new SimMarket(config, now);
    SimFrames shapes = new SimFrames(market);
    int today = (int) LocalDate.now(IstTime.IST_OFFSET).toEpochDay();
    InstrumentMaster master = InstrumentMaster.parse(
        new ByteArrayInputStream(market.masterJson(null).toBuffer().getBytes()), today);
    SubscriptionPlanner planner = new SubscriptionPlanner(master, 500, 1.0);
    var tracked = planner.track("NIFTY", null);
    SimMarket.Underlying nifty = market.underlying("NIFTY");
    planner.onSpot("NIFTY", nifty.spot(), 0L);
    assembler = new TickAssembler(0.10);
    assembler.registerUnderlying("NIFTY", tracked.underlying().indexKey());
    assembler.registerExpiry(tracked.chain());
    assembler.applyWindows(planner.current().windows());
    assembler.onSpot((s, p, t) -> {
      if (planner.onSpot(s, p, t)) {
        assembler.applyWindows(planner.current().windows());
      }
    });
    List<String> keys = new ArrayList<>(planner.current().keys().keySet());
    frames = new byte[FRAMES][];
    int cursor = 0;
    for (int f = 0; f < FRAMES; f++) {
      market.advance(now + f * 20L);
      FeedResponse.Builder frame = FeedResponse.newBuilder().setType(Type.live_feed).setCurrentTs(now + f * 20L);
      for (int i = 0; i < FEEDS_PER_FRAME; i++) {
        String key = keys.get(cursor);
        cursor = (cursor + 1) % keys.size();
        String mode = planner.current().keys().get(key).wire();
        frame.putFeeds(key, shapes.feed(market.instrument(key), mode, now + f * 20L));
      }
      frames[f] = frame.build().toByteArray();
    }
    receivedMicros = now * 1000;
    buffers = new Buffer[FRAMES];
    for (int f = 0; f < FRAMES; f++) {
      buffers[f] = Buffer.buffer(frames[f]);
    }
    journalDir = Files.createTempDirectory("feed-journal-bench");
    journal = new JournalRecorder(journalDir, 7, JournalRecorder.DEFAULT_MAX_QUEUED_BYTES);
    recorder = FeedRecorder.to(journal, new SimpleMeterRegistry(), Tags.empty());
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    recorder.close();
    System.out.printf("%njournal: %d frames written, %d dropped (disk behind), %d failed%n", journal.written(),
        journal.dropped(), journal.failed());
    try (var files = Files.list(journalDir)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(journalDir);
  }

  private byte[] nextFrame() {
    byte[] f = frames[next];
    next = (next + 1) & (FRAMES - 1);
    return f;
  }

  /** Frames decoded per second (protobuf FeedResponse of {@link #FEEDS_PER_FRAME} feeds). */
  @Benchmark
  public FeedResponse decode() throws FrameDecodeException {
    return FeedDecoder.decode(nextFrame());
  }

  /** Frames decoded per second while each is also recorded, as the live feed does with FEED_RECORD_DIR. */
  @Benchmark
  public FeedResponse decodeRecording() throws FrameDecodeException {
    Buffer frame = buffers[next];
    recorder.frame(frame, receivedMicros++, 256);
    return FeedDecoder.decode(nextFrame());
  }

  /** Ticks emitted per second: decode + assemble, one operation per feed. */
  @Benchmark
  @OperationsPerInvocation(FEEDS_PER_FRAME)
  public int decodeAndAssemble(Blackhole bh) throws FrameDecodeException {
    FeedResponse r = FeedDecoder.decode(nextFrame());
    return assembler.accept(r, receivedMicros++, bh::consume);
  }
}
