package org.optionstream.journal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records without ever making its caller wait: {@link #offer} only queues (bounded by {@code maxQueuedBytes});
 * one thread of its own writes the queue to the day's file ({@link JournalFormat}) and flushes whenever the
 * queue runs empty. When the disk cannot keep up and the queue is full, a record is dropped and counted
 * ({@link #dropped()}), never waited for. A record of a new IST day opens that day's file, writes the session's
 * setup records ({@link RecordKind#setup()}) and tracking at its top, and deletes the files of days more than
 * {@code retentionDays} before it. A write that fails is counted ({@link #failed()}), logged once per kind of
 * failure, and the file is opened again for the next record. Safe to call from any thread.
 */
public final class JournalRecorder implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(JournalRecorder.class);
  /** Default bound of the queue: about a minute of a busy NIFTY chain. */
  public static final long DEFAULT_MAX_QUEUED_BYTES = 64L * 1024 * 1024;

  private final Path dir;
  private final int retentionDays;
  private final long maxQueuedBytes;
  private final LinkedBlockingQueue<JournalRecord> queue = new LinkedBlockingQueue<>();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong writtenBytes = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong deletedFiles = new AtomicLong();
  private final Thread thread;
  // writer thread only
  /** The setup records and tracking of the session, for the top of the next day's file. */
  private final Map<String, JournalRecord> setup = new LinkedHashMap<>();
  private final List<String> loggedFailures = new ArrayList<>();
  private JournalWriter writer;
  private LocalDate day;
  private volatile boolean closing;
  private volatile boolean droppedLogged;

  /**
   * @param dir            where the day files go (created when missing)
   * @param retentionDays  files of days more than this many days before the newest are deleted (at least 1)
   * @param maxQueuedBytes records waiting for the disk, in bytes of their payloads, before new ones are dropped
   */
  public JournalRecorder(Path dir, int retentionDays, long maxQueuedBytes) {
    if (retentionDays < 1) {
      throw new IllegalArgumentException("retention must be at least 1 day, got " + retentionDays);
    }
    this.dir = dir;
    this.retentionDays = retentionDays;
    this.maxQueuedBytes = maxQueuedBytes;
    this.thread = new Thread(this::run, "feed-journal-writer");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Queues {@code record} for the disk; false (and counted) when the queue is full or the recorder closed. */
  public boolean offer(JournalRecord record) {
    long size = record.sizeOnDisk();
    long after = closing ? -1 : queuedBytes.addAndGet(size);
    if (after < 0 || after > maxQueuedBytes && after != size) {
      if (after >= 0) {
        queuedBytes.addAndGet(-size);
      }
      dropped.incrementAndGet();
      if (after >= 0 && !droppedLogged) {
        droppedLogged = true;
        LOG.warn("feed journal: the disk does not keep up ({} bytes queued); records are dropped and counted in"
            + " optionstream.feed.journal.dropped (logged once)", after - size);
      }
      return false;
    }
    queue.add(record);
    return true;
  }

  public Path dir() {
    return dir;
  }

  /** Records written to a file. */
  public long written() {
    return written.get();
  }

  /** Bytes written to files, record headers included. */
  public long writtenBytes() {
    return writtenBytes.get();
  }

  /** Records dropped because the queue was full (the disk did not keep up) or the recorder was closing. */
  public long dropped() {
    return dropped.get();
  }

  /** Records lost to a failed write. */
  public long failed() {
    return failed.get();
  }

  /** Bytes of records waiting for the disk. */
  public long queuedBytes() {
    return queuedBytes.get();
  }

  /** Day files deleted for being older than the retention. */
  public long deletedFiles() {
    return deletedFiles.get();
  }

  /** Writes what is queued, then stops the thread and closes the file (waits at most {@code timeoutMs}). */
  @Override
  public void close() {
    close(10_000);
  }

  public void close(long timeoutMs) {
    closing = true;
    try {
      thread.join(timeoutMs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    List<JournalRecord> batch = new ArrayList<>();
    while (!closing || !queue.isEmpty()) {
      try {
        JournalRecord first = queue.poll(50, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, 4096);
        for (JournalRecord r : batch) {
          queuedBytes.addAndGet(-r.sizeOnDisk());
          write(r);
        }
        batch.clear();
        if (writer != null) {
          writer.flush();
        }
      } catch (InterruptedException e) {
        break;
      } catch (IOException e) {
        fail("flush", e);
      }
    }
    closeWriter();
  }

  private void write(JournalRecord r) {
    try {
      LocalDate recordDay = JournalFormat.day(r.receivedAtMicros());
      if (writer == null || day == null || recordDay.isAfter(day)) {
        roll(day == null || recordDay.isAfter(day) ? recordDay : day, r.receivedAtMicros());
      }
      writer.append(r);
      written.incrementAndGet();
      writtenBytes.addAndGet(r.sizeOnDisk());
      if (r.kind().setup()) {
        setup.put(r.kind().name(), r);
      } else if (r.kind() == RecordKind.TRACK) {
        setup.put(r.kind().name() + r.payloadText(), r);
      }
    } catch (IOException | RuntimeException e) {
      failed.incrementAndGet();
      fail("write", e);
    }
  }

  /** Opens {@code next}'s file; a new file starts with the session's setup records. */
  private void roll(LocalDate next, long nowMicros) throws IOException {
    closeWriter();
    day = next;
    writer = JournalWriter.open(JournalFormat.file(dir, next), nowMicros);
    if (writer.bytes() == JournalFormat.FILE_HEADER_BYTES) {
      for (JournalRecord s : setup.values()) {
        writer.append(s);
      }
    }
    deleteOlderThan(next.minusDays(retentionDays));
  }

  private void deleteOlderThan(LocalDate oldestKept) {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "feed-*.journal")) {
      for (Path f : files) {
        LocalDate d = JournalFormat.dayOf(f);
        if (d != null && d.isBefore(oldestKept)) {
          Files.deleteIfExists(f);
          deletedFiles.incrementAndGet();
          LOG.info("feed journal: deleted {} (older than {} days)", f, retentionDays);
        }
      }
    } catch (IOException e) {
      fail("retention", e);
    }
  }

  private void closeWriter() {
    if (writer != null) {
      try {
        writer.close();
      } catch (IOException e) {
        fail("close", e);
      }
      writer = null;
    }
  }

  private void fail(String kind, Exception e) {
    if (!loggedFailures.contains(kind)) {
      loggedFailures.add(kind);
      LOG.error("feed journal: {} failed in {} ({}); counted, logged once per kind", kind, dir, e.toString());
    }
    if (!"retention".equals(kind)) {
      closeWriter();
    }
  }
}
