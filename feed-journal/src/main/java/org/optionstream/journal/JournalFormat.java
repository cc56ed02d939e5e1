package org.optionstream.journal;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.zip.CRC32C;

/**
 * The journal's file layout, version {@value #VERSION}. One file per trading day (IST), named
 * {@code feed-YYYY-MM-DD.journal}; appended to, never rewritten. All integers big-endian.
 *
 * <pre>
 * file   = header record*
 * header = magic "OSFJ" (4 bytes) | version u16 | flags u16 (0) | created at, epoch µs, i64      16 bytes
 * record = sync "OSR1" (4 bytes) | body length u32 | CRC32C of the body u32 | body               12 + length
 * body   = kind u8 | received at, epoch µs, i64 | connection i32 | payload (length − 13 bytes)
 * </pre>
 *
 * A record is good when its sync word is there, its length is within {@link #MAX_BODY_BYTES} and the file, and
 * the CRC32C of its body matches. Anything else (a torn write at a crash, flipped bytes) is damage: the
 * reader counts it, then looks for the next sync word whose record checks out, and goes on from there.
 */
public final class JournalFormat {

  public static final int VERSION = 1;
  static final byte[] MAGIC = {'O', 'S', 'F', 'J'};
  static final int SYNC = 0x4F535231; // "OSR1"
  public static final int FILE_HEADER_BYTES = 16;
  /** sync, length, CRC. */
  public static final int RECORD_HEADER_BYTES = 12;
  /** kind, received-at, connection. */
  public static final int BODY_PREFIX_BYTES = 13;
  /** A larger body is damage (an instruments master is a few MB; a frame a few KB). */
  public static final int MAX_BODY_BYTES = 64 * 1024 * 1024;
  /** {@code connection} of records that came over REST, or describe the session. */
  public static final int NO_CONNECTION = -1;
  /** The exchange's time zone: a trading day is an IST calendar day. */
  public static final ZoneId IST = ZoneOffset.ofHoursMinutes(5, 30);
  private static final String PREFIX = "feed-";
  private static final String SUFFIX = ".journal";

  private JournalFormat() {
  }

  /** The connection id of socket {@code socket} (0-based) opened by connect attempt {@code attempt}: attempt × 256 + socket. */
  public static int connectionId(int attempt, int socket) {
    return attempt * 256 + socket;
  }

  /** The IST trading day of {@code epochMicros}. */
  public static LocalDate day(long epochMicros) {
    return Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L)).atZone(IST).toLocalDate();
  }

  /** The file of {@code day} in {@code dir}. */
  public static Path file(Path dir, LocalDate day) {
    return dir.resolve(PREFIX + day + SUFFIX);
  }

  /** The day a journal file is for, or null when {@code file} is not named like one. */
  public static LocalDate dayOf(Path file) {
    String name = file.getFileName().toString();
    if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX)) {
      return null;
    }
    try {
      return LocalDate.parse(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
    } catch (RuntimeException e) {
      return null;
    }
  }

  static ByteBuffer header(long createdAtMicros) {
    ByteBuffer b = ByteBuffer.allocate(FILE_HEADER_BYTES);
    b.put(MAGIC).putShort((short) VERSION).putShort((short) 0).putLong(createdAtMicros);
    return b.flip();
  }

  /** The record encoded as it goes into a file. */
  static ByteBuffer encode(JournalRecord r) {
    int bodyLength = BODY_PREFIX_BYTES + r.payload().length;
    ByteBuffer b = ByteBuffer.allocate(RECORD_HEADER_BYTES + bodyLength);
    b.putInt(SYNC).putInt(bodyLength).putInt(0);
    b.put((byte) r.kind().code()).putLong(r.receivedAtMicros()).putInt(r.connection()).put(r.payload());
    CRC32C crc = new CRC32C();
    crc.update(b.array(), RECORD_HEADER_BYTES, bodyLength);
    b.putInt(8, (int) crc.getValue());
    return b.flip();
  }
}
