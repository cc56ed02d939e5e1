package org.optionstream.history.ingest;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.optionstream.history.store.HistorySink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history stage's only writer: a dedicated thread that takes the messages the event loop hands it
 * ({@link #offer}, which never blocks) in arrival order, writes their rows to a {@link HistorySink} and
 * commits every {@code batchRows} rows or {@code batchMs} after the oldest uncommitted row, whichever
 * comes first. It also drops day partitions older than the retention, once an hour.
 *
 * <p>Never stalls the pipeline: what waits for the thread is bounded by {@code maxQueuedRows}; a message
 * that would go past it is dropped and counted ({@code optionstream.history.failures{kind=queue_full}}).
 * A failed write or commit rolls the uncommitted rows back, counts them and goes on with the next message.
 */
public final class HistoryWriter {

  private static final Logger LOG = LoggerFactory.getLogger(HistoryWriter.class);
  private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final long RETENTION_PERIOD_MS = TimeUnit.HOURS.toMillis(1);
  private static final long DAY_MS = TimeUnit.DAYS.toMillis(1);

  /** Counts and figures for {@code history.status} and {@code /api/status}. */
  public record Stats(long rowsWritten, long rowsDropped, long rowsFailed, long queuedRows, double writeLagP99Ms,
                      long lastCommitEpochMs) {
  }

  private final HistorySink sink;
  private final RowMapper mapper;
  private final WriteFailures failures;
  private final int batchRows;
  private final long batchNanos;
  private final long maxQueuedRows;
  private final int retentionDays;
  private final Clock clock;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final AtomicLong queuedRows = new AtomicLong();
  private final LongAdder rowsWritten = new LongAdder();
  private final LongAdder rowsDropped = new LongAdder();
  private final LongAdder rowsFailed = new LongAdder();
  private final Timer writeLag;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long lastCommitEpochMs;

  // writer thread only
  private int uncommittedRows;
  private long oldestUncommittedNanos;
  private long nextRetentionMs;

  /**
   * @param batchRows     rows written before a commit
   * @param batchMs       longest wait of a row before its commit, milliseconds
   * @param maxQueuedRows rows that may wait for the thread; beyond, new messages are dropped
   * @param retentionDays day partitions older than this are dropped
   */
  public HistoryWriter(HistorySink sink, WriteFailures failures, MeterRegistry meters, int batchRows, long batchMs,
      long maxQueuedRows, int retentionDays, Clock clock) {
    this.sink = sink;
    this.failures = failures;
    this.mapper = new RowMapper(failures);
    this.batchRows = batchRows;
    this.batchNanos = TimeUnit.MILLISECONDS.toNanos(batchMs);
    this.maxQueuedRows = maxQueuedRows;
    this.retentionDays = retentionDays;
    this.clock = clock;
    this.writeLag = Timer.builder("optionstream.history.write.lag")
        .description("from a message's arrival to the commit of its rows")
        .publishPercentiles(0.5, 0.99)
        .register(meters);
    Gauge.builder("optionstream.history.queued.rows", queuedRows, AtomicLong::get)
        .description("rows waiting for the history writer thread").register(meters);
    this.thread = new Thread(this::run, "history-writer");
  }

  /** Starts the thread; {@code sink} must be open. */
  public void start() {
    thread.start();
  }

  /**
   * Hands a message to the writer thread; never blocks. Returns false (and counts the rows as dropped)
   * when the rows already waiting plus these would exceed the bound.
   */
  public boolean offer(Pending.Source source, Object body, int rows) {
    if (!running) {
      return false;
    }
    long after = queuedRows.addAndGet(rows);
    if (after > maxQueuedRows && after != rows) {
      queuedRows.addAndGet(-rows);
      rowsDropped.add(rows);
      failures.record("queue_full", "more than " + maxQueuedRows + " rows waiting for the writer", rows);
      return false;
    }
    queue.add(new Pending(source, body, rows, System.nanoTime()));
    return true;
  }

  /** Writes and commits what waits, then stops the thread and closes the sink; waits at most {@code timeoutMs}. */
  public boolean stop(long timeoutMs) throws InterruptedException {
    running = false;
    thread.join(timeoutMs);
    return !thread.isAlive();
  }

  public Stats stats() {
    var lag = writeLag.takeSnapshot().percentileValues();
    double p99 = lag.length > 1 ? lag[1].value(TimeUnit.MILLISECONDS) : 0;
    return new Stats(rowsWritten.sum(), rowsDropped.sum(), rowsFailed.sum(), queuedRows.get(), p99, lastCommitEpochMs);
  }

  private void run() {
    try {
      dropOldPartitions();
      while (running || !queue.isEmpty()) {
        long wait = uncommittedRows == 0 ? IDLE_POLL_NANOS
            : Math.max(0, oldestUncommittedNanos + batchNanos - System.nanoTime());
        Pending pending = queue.poll(wait, TimeUnit.NANOSECONDS);
        if (pending != null) {
          queuedRows.addAndGet(-pending.rows());
          write(pending);
        }
        if (uncommittedRows >= batchRows
            || (uncommittedRows > 0 && System.nanoTime() - oldestUncommittedNanos >= batchNanos)) {
          commit();
        }
        if (clock.millis() >= nextRetentionMs) {
          dropOldPartitions();
        }
        if (uncommittedRows == 0) {
          tick();
        }
      }
      commit();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      sink.close();
      LOG.info("history writer stopped: {} rows written", rowsWritten.sum());
    }
  }

  private void write(Pending pending) {
    if (uncommittedRows == 0) {
      oldestUncommittedNanos = pending.arrivedNanos();
    }
    try {
      uncommittedRows += mapper.write(pending, sink);
    } catch (Exception e) {
      failures.record("write_failed", e.toString());
      rollback();
    }
  }

  private void commit() {
    if (uncommittedRows == 0) {
      return;
    }
    try {
      sink.commit();
      rowsWritten.add(uncommittedRows);
      writeLag.record(System.nanoTime() - oldestUncommittedNanos, TimeUnit.NANOSECONDS);
      lastCommitEpochMs = clock.millis();
      uncommittedRows = 0;
    } catch (Exception e) {
      failures.record("commit_failed", e.toString());
      rollback();
    }
  }

  private void rollback() {
    rowsFailed.add(uncommittedRows);
    uncommittedRows = 0;
    sink.rollback();
  }

  private void tick() {
    try {
      sink.tick();
    } catch (Exception e) {
      failures.record("sink_tick_failed", e.toString());
    }
  }

  private void dropOldPartitions() {
    long now = clock.millis();
    nextRetentionMs = now + RETENTION_PERIOD_MS;
    commit();
    long cutoff = (Math.floorDiv(now, DAY_MS) - retentionDays) * DAY_MS;
    try {
      sink.dropPartitionsBefore(cutoff);
    } catch (Exception e) {
      failures.record("retention_failed", e.toString());
    }
  }
}
