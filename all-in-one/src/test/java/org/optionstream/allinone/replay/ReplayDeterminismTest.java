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
 * {@code greeks_update} streams per instrument, the same as the live run did, and ends in the same PCR figures.
 */
class ReplayDeterminismTest {

  @TempDir
  Path dir;

  @Test
  void aRecordedSessionReplaysIntoTheLiveGreeksEveryTime() throws Exception {
    Path journal = dir.resolve("journal");
    Map<String, List<String>> live;
    String livePcr;
    try (PipelineRun run = PipelineRun.start(Map.of("FEED_SOURCE", "simulator", "FEED_RECORD_DIR", journal.toString(),
        "SIM_TICKS_PER_SECOND", "200"))) {
      Await.until("1,500 live greeks updates", Duration.ofSeconds(60), () -> run.greeksCount.get() >= 1_500);
      livePcr = run.drain();
      live = run.greeksByInstrument();
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
  }

  record Replayed(Map<String, List<String>> greeks, String pcr) {
  }

  /** The system replaying {@code journal} at max, to its end. */
  static Replayed replay(Path journal) {
    try (PipelineRun run = PipelineRun.start(Map.of("FEED_SOURCE", "replay", "FEED_REPLAY_PATH", journal.toString(),
        "FEED_REPLAY_SPEED", "max"))) {
      Await.until("the replay's end", Duration.ofSeconds(120), run::replayDone);
      String pcr = run.drain();
      return new Replayed(run.greeksByInstrument(), pcr);
    }
  }
}
