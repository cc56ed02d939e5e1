package org.optionstream.allinone.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optionstream.allinone.support.Await;

/**
 * A simulator session recorded by the running system, replayed at max twice, publishes byte-identical
 * {@code greeks_update} streams per instrument and {@code pcr_update} streams per underlying+expiry, the same as the
 * live run did, and ends in the same PCR figures.
 */
class ReplayDeterminismTest {

  @TempDir
  Path dir;

  @Test
  void aRecordedSessionReplaysIntoTheLiveGreeksEveryTime() throws Exception {
    Path journal = dir.resolve("journal");
    Map<String, List<String>> live;
    Map<String, List<String>> livePcrUpdates;
    String livePcr;
    try (PipelineRun run = PipelineRun.start(Map.of("FEED_SOURCE", "simulator", "FEED_RECORD_DIR", journal.toString(),
        "SIM_TICKS_PER_SECOND", "200"))) {
      Await.until("1,500 live greeks updates", Duration.ofSeconds(60), () -> run.greeksCount.get() >= 1_500);
      livePcr = run.drain();
      live = run.greeksByInstrument();
      livePcrUpdates = run.pcrByKey();
    }
    try (var files = Files.list(journal)) {
      assertThat(files.toList()).as("one day file").hasSize(1);
    }

    Replayed first = replay(journal);
    Replayed second = replay(journal);
    assertThat(first.greeks()).as("two replays: the same greeks_update bytes, in the same order, per instrument")
        .isEqualTo(second.greeks());
    assertThat(first.greeks()).as("a replay publishes what the live run published").isEqualTo(live);
    assertThat(live.values().stream().mapToInt(List::size).sum()).isGreaterThanOrEqualTo(1_500);
    assertThat(first.pcr()).as("the same PCR figures at the end").isEqualTo(second.pcr()).isEqualTo(livePcr);
    assertThat(first.pcr()).contains("\"symbol\":\"NIFTY\"");
    assertThat(first.pcrUpdates()).as("two replays: the same pcr_update messages, in the same order, per key")
        .isEqualTo(second.pcrUpdates());
    assertThat(first.pcrUpdates()).as("a replay publishes the pcr_update messages the live run published")
        .isEqualTo(livePcrUpdates);
    assertThat(livePcrUpdates.values().stream().mapToInt(List::size).sum()).isGreaterThan(livePcrUpdates.size());
  }

  @Test
  void theSessionInTheRepositoryReplaysTheSameEveryTimeAndWithinItsTimeRange() throws Exception {
    Path session = Path.of(ReplayDeterminismTest.class.getResource("/replay/simulator-session.journal").toURI());
    Replayed first = replay(session, Map.of());
    Replayed second = replay(session, Map.of());
    assertThat(first.greeks()).isEqualTo(second.greeks());
    assertThat(first.pcr()).isEqualTo(second.pcr()).contains("\"symbol\":\"NIFTY\"");
    assertThat(first.pcrUpdates()).isEqualTo(second.pcrUpdates());
    assertThat(first.pcrUpdates().values().stream().mapToInt(List::size).sum())
        .as("the recording's five minutes at <= 4 pcr_update a second per key").isGreaterThan(100);
    assertThat(first.greeks()).hasSizeGreaterThanOrEqualTo(40);
    assertThat(first.greeks().values().stream().flatMap(List::stream).filter(u -> u.contains("\"ivStatus\":\"OK\"")).count())
        .as("solved IVs on the recorded frames").isGreaterThan(1_000);

    // a minute of it: 23:37:00 to 23:38:00 IST on the recording's day
    Replayed minute = replay(session, Map.of("FEED_REPLAY_FROM", "23:37", "FEED_REPLAY_TO", "23:38:00"));
    long from = java.time.OffsetDateTime.parse("2026-12-02T23:37:00+05:30").toInstant().toEpochMilli() * 1000;
    long to = java.time.OffsetDateTime.parse("2026-12-02T23:38:00+05:30").toInstant().toEpochMilli() * 1000;
    List<Long> received = minute.greeks().values().stream().flatMap(List::stream)
        .map(u -> new io.vertx.core.json.JsonObject(u).getJsonObject("data").getLong("feedReceivedAtMicros")).toList();
    assertThat(received).isNotEmpty().allMatch(t -> t >= from && t <= to);
    assertThat(received.size()).isLessThan((int) first.greeks().values().stream().mapToLong(List::size).sum() / 2);
  }

  record Replayed(Map<String, List<String>> greeks, String pcr, Map<String, List<String>> pcrUpdates) {
  }

  /** The system replaying {@code journal} at max, to its end. */
  static Replayed replay(Path journal) {
    return replay(journal, Map.of());
  }

  /** The system replaying {@code journal} at max with {@code settings}, to its end. */
  static Replayed replay(Path journal, Map<String, String> settings) {
    Map<String, String> env = new java.util.HashMap<>(Map.of("FEED_SOURCE", "replay", "FEED_REPLAY_PATH", journal.toString(),
        "FEED_REPLAY_SPEED", "max"));
    env.putAll(settings);
    try (PipelineRun run = PipelineRun.start(env)) {
      Await.until("the replay's end", Duration.ofSeconds(120), run::replayDone);
      String pcr = run.drain();
      return new Replayed(run.greeksByInstrument(), pcr, run.pcrByKey());
    }
  }
}
