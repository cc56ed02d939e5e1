package org.optionstream.journal;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Appends records to one journal file, synchronously (blocking I/O: call it from a thread of its own, as
 * {@link JournalRecorder} does, or from a tool). A new file gets the header first; an existing one is
 * checked to be a journal of this version and appended to, never rewritten. Not thread-safe.
 */
public final class JournalWriter implements Closeable {

  private final Path file;
  private final OutputStream out;
  private long bytes;

  private JournalWriter(Path file, OutputStream out, long bytes) {
    this.file = file;
    this.out = out;
    this.bytes = bytes;
  }

  /** Opens {@code file} for appending, creating it (and its header, stamped {@code nowMicros}) when absent or empty. */
  public static JournalWriter open(Path file, long nowMicros) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    long size = Files.exists(file) ? Files.size(file) : 0;
    if (size > 0) {
      checkHeader(file);
    }
    OutputStream out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND, StandardOpenOption.WRITE), 256 * 1024);
    JournalWriter w = new JournalWriter(file, out, size);
    if (size == 0) {
      w.put(JournalFormat.header(nowMicros));
    }
    return w;
  }

  /** Fails unless {@code file} starts with a journal header of this version. */
  static void checkHeader(Path file) throws IOException {
    byte[] head = new byte[JournalFormat.FILE_HEADER_BYTES];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    if (n < head.length || !Arrays.equals(Arrays.copyOf(head, 4), JournalFormat.MAGIC)) {
      throw new IOException(file + " is not a feed journal (no OSFJ header)");
    }
    int version = ByteBuffer.wrap(head).getShort(4) & 0xFFFF;
    if (version != JournalFormat.VERSION) {
      throw new IOException(file + " is a journal of format version " + version + "; this build reads and appends "
          + JournalFormat.VERSION);
    }
  }

  public Path file() {
    return file;
  }

  /** Bytes in the file, header included, once everything written is flushed. */
  public long bytes() {
    return bytes;
  }

  /** Buffers one record; {@link #flush()} puts it in the file. */
  public void append(JournalRecord record) throws IOException {
    put(JournalFormat.encode(record));
  }

  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  private void put(ByteBuffer b) throws IOException {
    out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
    bytes += b.remaining();
  }
}
