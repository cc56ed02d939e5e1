package org.optionstream.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalReaderTest {

  private static final long T0 = 1_763_610_300_000_000L; // 2025-11-20T09:15:00+05:30

  @TempDir
  Path dir;

  @Test
  void readsBackEveryRecordAsWritten() throws IOException {
    List<JournalRecord> written = records(50);
    Path file = write(written);
    List<JournalRecord> read = readAll(file);
    assertThat(read).hasSize(50);
    for (int i = 0; i < 50; i++) {
      assertThat(read.get(i).kind()).isEqualTo(written.get(i).kind());
      assertThat(read.get(i).receivedAtMicros()).isEqualTo(written.get(i).receivedAtMicros());
      assertThat(read.get(i).connection()).isEqualTo(written.get(i).connection());
      assertThat(read.get(i).payload()).isEqualTo(written.get(i).payload());
    }
  }

  @Test
  void aFlippedByteLosesOnlyItsRecord() throws IOException {
    List<JournalRecord> written = records(20);
    Path file = write(written);
    flip(file, offsetOf(written, 7) + JournalFormat.RECORD_HEADER_BYTES + JournalFormat.BODY_PREFIX_BYTES + 3);
    flip(file, offsetOf(written, 12) + 5); // the length field

    try (JournalReader reader = JournalReader.open(file)) {
      List<Long> times = new ArrayList<>();
      for (JournalRecord r = reader.next(); r != null; r = reader.next()) {
        times.add(r.receivedAtMicros());
      }
      assertThat(times).hasSize(18).doesNotContain(written.get(7).receivedAtMicros(), written.get(12).receivedAtMicros());
      assertThat(reader.damaged()).isEqualTo(2);
      assertThat(reader.damage()).extracting(JournalReader.Damage::reason)
          .containsExactly("checksum mismatch", "record cut short (" + (JournalFormat.BODY_PREFIX_BYTES
              + written.get(12).payload().length ^ (1 << 16)) + " bytes announced, "
              + (reader.size() - offsetOf(written, 12) - JournalFormat.RECORD_HEADER_BYTES) + " left in the file)");
    }
  }

  @Test
  void aTornLastRecordIsCountedAndTheRestRead() throws IOException {
    List<JournalRecord> written = records(10);
    Path file = write(written);
    long cut = offsetOf(written, 9) + 40;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(cut);
    }
    try (JournalReader reader = JournalReader.open(file)) {
      assertThat(readAll(reader)).hasSize(9);
      assertThat(reader.damaged()).isEqualTo(1);
      assertThat(reader.damagedBytes()).isEqualTo(40);
      assertThat(reader.damage().get(0).reason()).startsWith("record cut short");
    }
  }

  @Test
  void appendingAfterATornRecordKeepsBothSidesReadable() throws IOException {
    List<JournalRecord> first = records(5);
    Path file = write(first);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 4); // a crash tore the last write
    }
    try (JournalWriter w = JournalWriter.open(file, T0)) { // the restarted feed appends
      for (JournalRecord r : records(3)) {
        w.append(r);
      }
    }
    try (JournalReader reader = JournalReader.open(file)) {
      assertThat(readAll(reader)).hasSize(4 + 3);
      assertThat(reader.damaged()).isEqualTo(1);
    }
  }

  @Test
  void refusesAFileThatIsNotAJournal() throws IOException {
    Path file = dir.resolve("x.journal");
    java.nio.file.Files.writeString(file, "hello, not a journal");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> JournalReader.open(file))
        .hasMessageContaining("not a feed journal");
  }

  static List<JournalRecord> records(int n) {
    List<JournalRecord> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] payload = new byte[40 + i * 7];
      for (int j = 0; j < payload.length; j++) {
        payload[j] = (byte) (i * 31 + j);
      }
      RecordKind kind = i % 5 == 4 ? RecordKind.OPTION_CHAIN : RecordKind.WS_FRAME;
      list.add(new JournalRecord(kind, T0 + i * 100_000L, kind == RecordKind.WS_FRAME ? JournalFormat.connectionId(1, 0)
          : JournalFormat.NO_CONNECTION, payload));
    }
    return list;
  }

  private Path write(List<JournalRecord> records) throws IOException {
    Path file = dir.resolve("t.journal");
    try (JournalWriter w = JournalWriter.open(file, T0)) {
      for (JournalRecord r : records) {
        w.append(r);
      }
    }
    return file;
  }

  private static long offsetOf(List<JournalRecord> records, int index) {
    long at = JournalFormat.FILE_HEADER_BYTES;
    for (int i = 0; i < index; i++) {
      at += records.get(i).sizeOnDisk();
    }
    return at;
  }

  private static void flip(Path file, long at) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x01);
    }
  }

  private static List<JournalRecord> readAll(Path file) throws IOException {
    try (JournalReader reader = JournalReader.open(file)) {
      return readAll(reader);
    }
  }

  private static List<JournalRecord> readAll(JournalReader reader) throws IOException {
    List<JournalRecord> out = new ArrayList<>();
    for (JournalRecord r = reader.next(); r != null; r = reader.next()) {
      out.add(r);
    }
    return out;
  }
}
