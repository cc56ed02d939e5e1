package org.optionstream.history.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.optionstream.common.json.FeedStatus;
import org.optionstream.common.json.GreeksUpdate;
import org.optionstream.common.json.PcrUpdate;
import org.optionstream.history.Updates;
import org.optionstream.history.store.HistorySink;

/** The writer thread: a stuck store never blocks the caller, waiting rows are bounded, batches commit by rows. */
class HistoryWriterTest {

  /** Counts rows and commits; the first row waits until the test opens the gate. */
  private static final class GatedSink implements HistorySink {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch gate = new CountDownLatch(1);
    final AtomicInteger rows = new AtomicInteger();
    final List<Integer> committed = new ArrayList<>();
    private int sinceCommit;

    @Override
    public void open() {
    }

    @Override
    public void greeks(GreeksRow row) throws Exception {
      entered.countDown();
      assertThat(gate.await(30, TimeUnit.SECONDS)).isTrue();
      rows.incrementAndGet();
      sinceCommit++;
    }

    @Override
    public void pcr(PcrUpdate update) {
    }

    @Override
    public void oiByStrike(OiStrikeRow row) {
    }

    @Override
    public void feedStatus(FeedStatus status) {
    }

    @Override
    public void greeksMinute(org.optionstream.history.rollup.GreeksMinute minute) {
    }

    @Override
    public void rollupMark(String kind, long tsMs, long completeFromMs) {
    }

    @Override
    public synchronized void commit() {
      committed.add(sinceCommit);
      sinceCommit = 0;
    }

    @Override
    public void rollback() {
    }

    @Override
    public void dropPartitionsBefore(long cutoffEpochMs) {
    }

    @Override
    public void close() {
    }
  }

  private static Object frames(int n) {
    List<GreeksUpdate> updates = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      updates.add(Updates.greeks(23000 + 100 * i, "CE", 10, 0.1, 23_500, 1_000 + i, i));
    }
    return Updates.frames(updates);
  }

  @Test
  void aStuckStoreNeverBlocksTheCallerAndWaitingRowsAreBounded() throws Exception {
    GatedSink sink = new GatedSink();
    WriteFailures failures = new WriteFailures(new SimpleMeterRegistry());
    HistoryWriter writer = new HistoryWriter(sink, failures, new SimpleMeterRegistry(), 4, 60_000, 10, 30,
        Clock.systemUTC());
    writer.start();
    assertThat(writer.offer(Pending.Source.GREEKS_FRAMES, frames(2), 2)).isTrue();
    assertThat(sink.entered.await(10, TimeUnit.SECONDS)).as("the writer thread is inside the stuck store").isTrue();

    // the thread is stuck: these offers return at once; 10 rows may wait, no more
    assertThat(writer.offer(Pending.Source.GREEKS_FRAMES, frames(6), 6)).isTrue();
    assertThat(writer.offer(Pending.Source.GREEKS_FRAMES, frames(4), 4)).isTrue();
    assertThat(writer.offer(Pending.Source.GREEKS_FRAMES, frames(1), 1)).isFalse();
    assertThat(writer.stats().queuedRows()).isEqualTo(10);
    assertThat(writer.stats().rowsDropped()).isEqualTo(1);
    assertThat(failures.counts()).containsEntry("queue_full", 1L);

    sink.gate.countDown();
    assertThat(writer.stop(10_000)).isTrue();
    assertThat(sink.rows.get()).isEqualTo(12);
    assertThat(writer.stats().rowsWritten()).isEqualTo(12);
    assertThat(writer.stats().queuedRows()).isZero();
    // batches of 4 rows, counted per message: 2+6 (8 >= 4), then 4, nothing left at the stop
    assertThat(sink.committed).containsExactly(8, 4);
  }
}
