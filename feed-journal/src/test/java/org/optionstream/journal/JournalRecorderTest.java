package org.optionstream.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalRecorderTest {

  private static final long DAY_MICROS = 86_400_000_000L;
  private static final long T0 = 1_763_610_300_000_000L; // 2025-11-20T09:15:00+05:30

  @TempDir
  Path dir;

  @Test
  void writesOneFilePerIstDayEachStartingWithTheSession() throws IOException {
    JournalRecorder recorder = new JournalRecorder(dir, 7, JournalRecorder.DEFAULT_MAX_QUEUED_BYTES);
    recorder.offer(JournalRecord.text(RecordKind.SESSION, T0, "{\"underlying\":\"NIFTY\"}"));
    recorder.offer(new JournalRecord(RecordKind.INSTRUMENTS, T0, JournalFormat.NO_CONNECTION, new byte[] {1, 2, 3}));
    recorder.offer(JournalRecord.text(RecordKind.TRACK, T0, "{\"symbol\":\"BANKNIFTY\"}"));
    recorder.offer(new JournalRecord(RecordKind.WS_FRAME, T0 + 1, 256, new byte[] {9}));
    recorder.offer(new JournalRecord(RecordKind.WS_FRAME, T0 + DAY_MICROS, 256, new byte[] {10}));
    recorder.close();

    assertThat(recorder.written()).isEqualTo(5);
    assertThat(recorder.dropped()).isZero();
    assertThat(kinds(JournalFormat.file(dir, LocalDate.of(2025, 11, 20))))
        .containsExactly(RecordKind.SESSION, RecordKind.INSTRUMENTS, RecordKind.TRACK, RecordKind.WS_FRAME);
    assertThat(kinds(JournalFormat.file(dir, LocalDate.of(2025, 11, 21))))
        .as("the next day's file replays on its own")
        .containsExactly(RecordKind.SESSION, RecordKind.INSTRUMENTS, RecordKind.TRACK, RecordKind.WS_FRAME);
  }

  @Test
  void deletesDaysOlderThanTheRetention() throws IOException {
    Path old = JournalFormat.file(dir, LocalDate.of(2025, 11, 10));
    Path kept = JournalFormat.file(dir, LocalDate.of(2025, 11, 13));
    for (Path p : List.of(old, kept)) {
      try (JournalWriter w = JournalWriter.open(p, T0)) {
        w.flush();
      }
    }
    Path unrelated = Files.writeString(dir.resolve("notes.txt"), "keep me");
    JournalRecorder recorder = new JournalRecorder(dir, 7, JournalRecorder.DEFAULT_MAX_QUEUED_BYTES);
    recorder.offer(new JournalRecord(RecordKind.WS_FRAME, T0, 256, new byte[] {1}));
    recorder.close();

    assertThat(old).doesNotExist();
    assertThat(kept).exists();
    assertThat(unrelated).exists();
    assertThat(recorder.deletedFiles()).isEqualTo(1);
  }

  @Test
  void aFullQueueDropsAndCountsInsteadOfWaiting() {
    JournalRecorder recorder = new JournalRecorder(dir, 7, 1);
    recorder.close();
    assertThat(recorder.offer(new JournalRecord(RecordKind.WS_FRAME, T0, 256, new byte[] {1}))).isFalse();
    assertThat(recorder.dropped()).isEqualTo(1);
  }

  private static List<RecordKind> kinds(Path file) throws IOException {
    List<RecordKind> kinds = new ArrayList<>();
    try (JournalReader reader = JournalReader.open(file)) {
      for (JournalRecord r = reader.next(); r != null; r = reader.next()) {
        kinds.add(r.kind());
      }
    }
    return kinds;
  }
}
