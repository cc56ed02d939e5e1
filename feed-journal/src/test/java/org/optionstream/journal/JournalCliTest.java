package org.optionstream.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optionstream.upstox.proto.Feed;
import org.optionstream.upstox.proto.FeedResponse;
import org.optionstream.upstox.proto.LTPC;

class JournalCliTest {

  private static final long T0 = 1_763_610_300_000_000L; // 2025-11-20T09:15:00+05:30

  @TempDir
  Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void summaryTellsTheRangeFramesInstrumentsGapsAndDamage() throws IOException {
    Path file = journal();
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(f.length() - 3);
      f.write(0x55); // the last frame's payload
    }
    assertThat(run("journal", "summary", file.toString())).isZero();
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text)
        .contains("time range:   2025-11-20T09:15+05:30 .. 2025-11-20T09:15:38+05:30 (38 s)")
        .contains("frames:       18 (0 not V3 protobuf) over 1 connection(s)")
        .contains("setup:        1 session, 1 instruments master")
        .contains("instruments:  3")
        .contains("gaps:         1")
        .contains("2025-11-20T09:15:08+05:30 .. 2025-11-20T09:15:30+05:30 (22000 ms)")
        .contains("damaged:      1 stretch(es)")
        .contains("checksum mismatch");
  }

  @Test
  void cutCopiesTheRangeWithTheSessionIntoANewJournalOnly() throws IOException {
    Path file = journal();
    Path cut = dir.resolve("cut.journal");
    assertThat(run("journal", "cut", "--from", "09:15:02", "--to", "2025-11-20T09:15:05+05:30", file.toString(),
        cut.toString())).isZero();
    List<JournalRecord> records = new ArrayList<>();
    try (JournalReader reader = JournalReader.open(cut)) {
      for (JournalRecord r = reader.next(); r != null; r = reader.next()) {
        records.add(r);
      }
    }
    assertThat(records).extracting(JournalRecord::kind).startsWith(RecordKind.SESSION, RecordKind.INSTRUMENTS);
    assertThat(records.subList(2, records.size())).extracting(JournalRecord::receivedAtMicros)
        .containsExactly(T0 + 2_000_000, T0 + 3_000_000, T0 + 4_000_000, T0 + 5_000_000);

    assertThat(run("journal", "cut", "--from", "09:15", "--to", "09:16", file.toString(), cut.toString()))
        .as("never over an existing file").isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("never written over");
  }

  @Test
  void aBadCommandSaysHowToUseIt() {
    assertThat(run("journal", "sumary", "x")).isEqualTo(2);
    assertThat(run("journal", "cut", "--from", "soon", "--to", "09:16", "a", "b")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'sumary'").contains("usage: journal summary");
  }

  private int run(String... args) {
    return JournalCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  /** A session, a master, then a frame a second for 9 s, a 22 s silence, and 10 more. */
  private Path journal() throws IOException {
    Path file = dir.resolve("feed-2025-11-20.journal");
    try (JournalWriter w = JournalWriter.open(file, T0)) {
      w.append(JournalRecord.text(RecordKind.SESSION, T0, "{\"underlying\":\"NIFTY\",\"todayEpochDay\":20412}"));
      w.append(new JournalRecord(RecordKind.INSTRUMENTS, T0, JournalFormat.NO_CONNECTION, new byte[] {31, -117}));
      String[] keys = {"NSE_INDEX|Nifty 50", "NSE_FO|1", "NSE_FO|2"};
      for (int i = 0; i < 19; i++) {
        long seconds = i < 9 ? i : i + 21;
        FeedResponse frame = FeedResponse.newBuilder().putFeeds(keys[i % 3],
            Feed.newBuilder().setLtpc(LTPC.newBuilder().setLtp(100 + i)).build()).build();
        w.append(new JournalRecord(RecordKind.WS_FRAME, T0 + seconds * 1_000_000, JournalFormat.connectionId(1, 0),
            frame.toByteArray()));
      }
    }
    return file;
  }
}
