package org.optionstream.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.optionstream.common.Addresses;
import org.optionstream.common.codec.Codecs;
import org.optionstream.common.config.Env;
import org.optionstream.common.json.FeedSource;
import org.optionstream.common.json.FeedState;
import org.optionstream.common.json.FeedStatus;
import org.optionstream.common.tick.Tick;
import org.optionstream.common.tick.TickBatch;
import org.optionstream.journal.JournalFormat;
import org.optionstream.journal.JournalReader;
import org.optionstream.journal.JournalRecord;
import org.optionstream.journal.JournalWriter;
import org.optionstream.journal.RecordKind;

/**
 * A simulator session recorded by the live feed replays into exactly the ticks the live feed made; a damaged
 * journal replays every good record and counts the damage.
 */
@ExtendWith(VertxExtension.class)
class FeedReplayTest {

  @TempDir
  Path dir;
  private FeedTestSupport t;
  /** The status that said the last replay was done. */
  private FeedStatus replayDone;
  private final List<Tick> batched = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicInteger markers = new java.util.concurrent.atomic.AtomicInteger();

  @BeforeEach
  void setUp(Vertx vertx) {
    Codecs.register(vertx);
    t = new FeedTestSupport(vertx);
    vertx.eventBus().<TickBatch>consumer(Addresses.MARKET_TICKS_BATCH, m -> {
      if (m.body().getTicksCount() == 0) {
        markers.incrementAndGet();
      }
      batched.addAll(m.body().getTicksList());
    });
  }

  @Test
  void aRecordedSessionReplaysIntoTheSameTicksAndADamagedOneIntoEveryGoodRecord(Vertx vertx) throws IOException {
    Path journalDir = dir.resolve("journal");
    t.startSimulator(Map.of("SIM_TICKS_PER_SECOND", "400"));
    t.startFeed(t.liveConfig(Map.of("FEED_SOURCE", "simulator", "FEED_RECORD_DIR", journalDir.toString())));
    t.until("2,000 live ticks", 30_000, () -> batched.size() >= 2_000);
    stopFeed(vertx);
    List<Tick> live = List.copyOf(batched);
    Path journal;
    try (Stream<Path> files = Files.list(journalDir)) {
      journal = files.filter(p -> JournalFormat.dayOf(p) != null).findFirst().orElseThrow();
    }

    List<Tick> replayed = replay(vertx, journal);
    assertThat(replayed).as("the replay makes the live ticks, byte for byte").hasSameSizeAs(live);
    assertThat(bytes(replayed)).isEqualTo(bytes(live));
    FeedStatus done = replayDone;
    assertThat(done.source()).isEqualTo(FeedSource.REPLAY);
    assertThat(done.state()).isEqualTo(FeedState.REPLAY);
    assertThat(done.replay().recordedSource()).isEqualTo("simulator");
    assertThat(done.replay().speed()).isEqualTo("max");
    assertThat(done.replay().damaged()).isZero();
    assertThat(done.replay().positionMs()).isEqualTo(live.get(live.size() - 1).getFeedReceivedAtMicros() / 1000);

    // damage: two flipped bytes in frames and a torn last record
    List<JournalRecord> records = new ArrayList<>();
    List<Long> offsets = new ArrayList<>();
    try (JournalReader reader = JournalReader.open(journal)) {
      for (long at = reader.position(); ; at = reader.position()) {
        JournalRecord r = reader.next();
        if (r == null) {
          break;
        }
        records.add(r);
        offsets.add(at);
      }
    }
    List<Integer> frames = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      if (records.get(i).kind() == RecordKind.WS_FRAME) {
        frames.add(i);
      }
    }
    int first = frames.get(frames.size() / 3);
    int second = frames.get(2 * frames.size() / 3);
    Path damaged = dir.resolve("damaged.journal");
    Files.copy(journal, damaged);
    flip(damaged, offsets.get(first) + JournalFormat.RECORD_HEADER_BYTES + JournalFormat.BODY_PREFIX_BYTES + 2);
    flip(damaged, offsets.get(second) + 1);
    try (FileChannel ch = FileChannel.open(damaged, StandardOpenOption.WRITE)) {
      ch.truncate(offsets.get(records.size() - 1) + 30);
    }
    Path good = dir.resolve("good.journal");
    try (JournalWriter w = JournalWriter.open(good, 0)) {
      for (int i = 0; i < records.size() - 1; i++) {
        if (i != first && i != second) {
          w.append(records.get(i));
        }
      }
    }

    List<Tick> fromGood = replay(vertx, good);
    List<Tick> fromDamaged = replay(vertx, damaged);
    assertThat(bytes(fromDamaged)).as("every good record of the damaged journal is replayed").isEqualTo(bytes(fromGood));
    FeedStatus afterDamage = replayDone;
    assertThat(afterDamage.replay().damaged()).isEqualTo(3);
    assertThat(afterDamage.replay().records()).isEqualTo(records.size() - 3 - 2); // less the session and master
  }

  /** Replays {@code journal} at max in a feed of its own; the ticks it made. */
  private List<Tick> replay(Vertx vertx, Path journal) {
    batched.clear();
    t.statuses.clear();
    Map<String, String> env = new HashMap<>(Map.of("FEED_SOURCE", "replay", "FEED_REPLAY_PATH", journal.toString(),
        "FEED_REPLAY_SPEED", "max", "FEED_STATUS_INTERVAL_MS", "1000"));
    t.startFeed(FeedConfig.from(new Env(env)));
    t.until("the replay of " + journal.getFileName() + " done", 60_000,
        () -> !t.statuses.isEmpty() && lastStatus().replay() != null && lastStatus().replay().done());
    replayDone = FeedStatus.fromJson(FeedTestSupport.await(
        vertx.eventBus().<JsonObject>request(Addresses.FEED_STATUS_QUERY, "")).body());
    stopFeed(vertx);
    return List.copyOf(batched);
  }

  /** Undeploys the feed, then waits until everything it published has reached this test's consumer. */
  private void stopFeed(Vertx vertx) {
    FeedTestSupport.await(vertx.undeploy(t.feedDeployment));
    int before = markers.get();
    vertx.eventBus().publish(Addresses.MARKET_TICKS_BATCH, TickBatch.getDefaultInstance());
    t.until("the feed's last ticks delivered", 5_000, () -> markers.get() > before);
  }

  private FeedStatus lastStatus() {
    return t.statuses.get(t.statuses.size() - 1);
  }

  private static List<com.google.protobuf.ByteString> bytes(List<Tick> ticks) {
    return ticks.stream().map(Tick::toByteString).toList();
  }

  private static void flip(Path file, long at) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x10);
    }
  }
}
