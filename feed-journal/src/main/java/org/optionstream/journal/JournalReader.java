package org.optionstream.journal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads a journal file record by record, in file order. A damaged stretch (a torn write, flipped bytes, a
 * record of a kind this version does not know) never stops it: the stretch is counted in {@link #damaged()}
 * and described in {@link #damage()} (the first {@value #DAMAGE_KEPT}), and reading goes on at the next
 * sync word whose record checks out, so every good record is read. Blocking I/O; not thread-safe.
 */
public final class JournalReader implements Closeable {

  /** Damaged stretches described in {@link #damage()}; more are only counted. */
  public static final int DAMAGE_KEPT = 100;
  private static final int SCAN_CHUNK = 64 * 1024;

  /** A damaged stretch: where it starts in the file, how long it is, and what was wrong with its first record. */
  public record Damage(long offset, long bytes, String reason) {
  }

  private final Path file;
  private final FileChannel channel;
  private final long size;
  private final ByteBuffer head = ByteBuffer.allocate(JournalFormat.RECORD_HEADER_BYTES);
  private final ByteBuffer prefix = ByteBuffer.allocate(JournalFormat.BODY_PREFIX_BYTES);
  private final CRC32C crc = new CRC32C();
  private final List<Damage> damage = new ArrayList<>();
  private long position = JournalFormat.FILE_HEADER_BYTES;
  private long damaged;
  private long damagedBytes;
  private long records;
  /** Why the last {@link #readAt} found no record. */
  private String problem;

  private JournalReader(Path file, FileChannel channel) throws IOException {
    this.file = file;
    this.channel = channel;
    this.size = channel.size();
  }

  /** Opens {@code file}; fails unless it starts with a journal header of this version. */
  public static JournalReader open(Path file) throws IOException {
    JournalWriter.checkHeader(file);
    return new JournalReader(file, FileChannel.open(file, StandardOpenOption.READ));
  }

  public Path file() {
    return file;
  }

  /** The next good record, or null at the end of the file. */
  public JournalRecord next() throws IOException {
    while (position < size) {
      JournalRecord r = readAt(position);
      if (r != null) {
        position += r.sizeOnDisk();
        records++;
        return r;
      }
      String why = problem;
      long next = nextGoodRecord(position + 1);
      damaged++;
      damagedBytes += next - position;
      if (damage.size() < DAMAGE_KEPT) {
        damage.add(new Damage(position, next - position, why));
      }
      position = next;
    }
    return null;
  }

  /** Good records read so far. */
  public long records() {
    return records;
  }

  /** Damaged stretches skipped so far. */
  public long damaged() {
    return damaged;
  }

  /** Bytes skipped as damaged so far. */
  public long damagedBytes() {
    return damagedBytes;
  }

  /** The first {@value #DAMAGE_KEPT} damaged stretches. */
  public List<Damage> damage() {
    return List.copyOf(damage);
  }

  /** Where the next record is read, bytes from the file's start. */
  public long position() {
    return position;
  }

  public long size() {
    return size;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  /** The good record at {@code at}, or null (with {@link #problem} saying why). */
  private JournalRecord readAt(long at) throws IOException {
    if (size - at < JournalFormat.RECORD_HEADER_BYTES + JournalFormat.BODY_PREFIX_BYTES) {
      problem = "truncated record header at the end of the file";
      return null;
    }
    head.clear();
    readFully(head, at);
    if (head.getInt(0) != JournalFormat.SYNC) {
      problem = "no record starts here (sync word missing)";
      return null;
    }
    int length = head.getInt(4);
    if (length < JournalFormat.BODY_PREFIX_BYTES || length > JournalFormat.MAX_BODY_BYTES) {
      problem = "impossible record length " + Integer.toUnsignedString(length);
      return null;
    }
    if (at + JournalFormat.RECORD_HEADER_BYTES + length > size) {
      problem = "record cut short (" + length + " bytes announced, " + (size - at - JournalFormat.RECORD_HEADER_BYTES)
          + " left in the file)";
      return null;
    }
    prefix.clear();
    readFully(prefix, at + JournalFormat.RECORD_HEADER_BYTES);
    byte[] payload = new byte[length - JournalFormat.BODY_PREFIX_BYTES];
    readFully(ByteBuffer.wrap(payload), at + JournalFormat.RECORD_HEADER_BYTES + JournalFormat.BODY_PREFIX_BYTES);
    crc.reset();
    crc.update(prefix.array(), 0, JournalFormat.BODY_PREFIX_BYTES);
    crc.update(payload);
    if ((int) crc.getValue() != head.getInt(8)) {
      problem = "checksum mismatch";
      return null;
    }
    RecordKind kind = RecordKind.of(prefix.get(0) & 0xFF);
    if (kind == null) {
      problem = "record of unknown kind " + (prefix.get(0) & 0xFF);
      return null;
    }
    return new JournalRecord(kind, prefix.getLong(1), prefix.getInt(9), payload);
  }

  /** The offset of the first good record at or after {@code from}, or the file's size when none is left. */
  private long nextGoodRecord(long from) throws IOException {
    ByteBuffer chunk = ByteBuffer.allocate(SCAN_CHUNK + 3);
    long base = from;
    while (base < size) {
      chunk.clear();
      int n = channel.read(chunk, base);
      if (n < 4) {
        return size;
      }
      for (int i = 0; i + 4 <= n; i++) {
        if (chunk.getInt(i) == JournalFormat.SYNC && readAt(base + i) != null) {
          return base + i;
        }
      }
      base += n - 3;
    }
    return size;
  }

  private void readFully(ByteBuffer b, long at) throws IOException {
    long p = at;
    while (b.hasRemaining()) {
      int n = channel.read(b, p);
      if (n < 0) {
        throw new IOException("unexpected end of " + file);
      }
      p += n;
    }
  }
}
