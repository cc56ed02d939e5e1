package org.optionstream.history.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Batches of encoded rows kept on disk while the QuestDB server cannot take them, oldest first, bounded
 * in bytes: past the bound the oldest batches are deleted and their rows counted as dropped. One file per
 * batch ({@code <sequence>-<rows>.ilp}), so what a restarted process finds in the directory is sent too.
 * Used by the writer thread only; the counts may be read from any thread.
 */
public final class Spool {

  private static final Pattern SEGMENT = Pattern.compile("(\\d{12})-(\\d+)\\.ilp");

  /** One spooled batch. */
  public record Segment(Path file, long sequence, int rows, long bytes) {
  }

  private final Path dir;
  private final long maxBytes;
  private final Deque<Segment> segments = new ArrayDeque<>();
  private long nextSequence;
  private volatile long bytes;
  private volatile long rows;
  private volatile long droppedRows;

  /** Opens the spool in {@code dir} (created if missing), taking up the batches an earlier process left. */
  public Spool(Path dir, long maxBytes) throws IOException {
    this.dir = dir;
    this.maxBytes = maxBytes;
    Files.createDirectories(dir);
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> found = files.filter(f -> SEGMENT.matcher(f.getFileName().toString()).matches()).sorted().toList();
      for (Path f : found) {
        Matcher m = SEGMENT.matcher(f.getFileName().toString());
        if (m.matches()) {
          Segment s = new Segment(f, Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)), Files.size(f));
          segments.addLast(s);
          nextSequence = s.sequence() + 1;
          bytes += s.bytes();
          rows += s.rows();
        }
      }
    }
  }

  /** Keeps a batch; then drops the oldest batches while the spool is over its bound (never the newest). */
  public void append(byte[] batch, int batchRows) {
    Path file = dir.resolve(String.format("%012d-%d.ilp", nextSequence, batchRows));
    try {
      Files.write(file, batch);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    segments.addLast(new Segment(file, nextSequence++, batchRows, batch.length));
    bytes += batch.length;
    rows += batchRows;
    while (bytes > maxBytes && segments.size() > 1) {
      Segment oldest = segments.peekFirst();
      remove(oldest);
      droppedRows += oldest.rows();
    }
  }

  /** The oldest batch, or null when empty. */
  public Segment oldest() {
    return segments.peekFirst();
  }

  public byte[] read(Segment segment) throws IOException {
    return Files.readAllBytes(segment.file());
  }

  /** Forgets a batch (sent, or dropped). */
  public void remove(Segment segment) {
    if (segments.remove(segment)) {
      bytes -= segment.bytes();
      rows -= segment.rows();
      try {
        Files.deleteIfExists(segment.file());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  public boolean isEmpty() {
    return segments.isEmpty();
  }

  public long bytes() {
    return bytes;
  }

  public long rows() {
    return rows;
  }

  /** Rows deleted unsent because the spool was full. */
  public long droppedRows() {
    return droppedRows;
  }
}
