package org.optionstream.history.rollup;

import java.time.Clock;
import java.util.List;
import org.optionstream.common.json.FeedStatus;
import org.optionstream.common.json.PcrUpdate;
import org.optionstream.history.ingest.GreeksRow;
import org.optionstream.history.ingest.OiStrikeRow;
import org.optionstream.history.store.HistorySink;

/**
 * A {@link HistorySink} that also keeps the {@code greeks_1m} minute rollup ({@link MinuteRollup}): every greeks row
 * goes to the sink and into its minute; finished minutes are written as they finish; at each commit the minutes the
 * data clock has passed are written, then the marks ({@code greeks_1m_marks}: the minutes found dirty, and how far the
 * segment is complete), then the sink commits. Marks are written last in the batch, so a mark never claims a minute
 * whose rows are not committed. A rollback restarts the segment.
 */
public final class RollupSink implements HistorySink {

  /** {@code greeks_1m_marks.kind}: the segment from {@code complete_from} to {@code ts} is complete. */
  public static final String COMPLETE = "complete";
  /** {@code greeks_1m_marks.kind}: the minute at {@code ts} (and {@code complete_from}) has rows the rollup does not hold. */
  public static final String DIRTY = "dirty";

  private final HistorySink sink;
  private final MinuteRollup rollup;
  private final Clock clock;
  private Exception failed;

  public RollupSink(HistorySink sink, MinuteRollup rollup, Clock clock) {
    this.sink = sink;
    this.rollup = rollup;
    this.clock = clock;
  }

  @Override
  public void open() throws Exception {
    sink.open();
  }

  @Override
  public void greeks(GreeksRow row) throws Exception {
    sink.greeks(row);
    rollup.add(row, clock.millis(), this::write);
    rethrow();
  }

  @Override
  public void pcr(PcrUpdate update) throws Exception {
    sink.pcr(update);
  }

  @Override
  public void oiByStrike(OiStrikeRow row) throws Exception {
    sink.oiByStrike(row);
  }

  @Override
  public void feedStatus(FeedStatus status) throws Exception {
    sink.feedStatus(status);
  }

  @Override
  public void commit() throws Exception {
    boolean moved = rollup.finishDue(this::write);
    rethrow();
    List<Long> dirty = rollup.takeDirty();
    for (long minute : dirty) {
      sink.rollupMark(DIRTY, minute, minute);
    }
    if (moved) {
      sink.rollupMark(COMPLETE, rollup.completeBeforeMs(), rollup.segmentStartMs());
    }
    sink.commit();
  }

  @Override
  public void rollback() {
    failed = null;
    rollup.restart();
    sink.rollback();
  }

  @Override
  public void tick() throws Exception {
    sink.tick();
  }

  @Override
  public void dropPartitionsBefore(long cutoffEpochMs) throws Exception {
    sink.dropPartitionsBefore(cutoffEpochMs);
  }

  @Override
  public void greeksMinute(GreeksMinute minute) throws Exception {
    sink.greeksMinute(minute);
  }

  @Override
  public void rollupMark(String kind, long tsMs, long completeFromMs) throws Exception {
    sink.rollupMark(kind, tsMs, completeFromMs);
  }

  @Override
  public void close() {
    sink.close();
  }

  /** Rows the rollup could not fold into their minute (stored raw only; their minutes are marked dirty). */
  public long lateRows() {
    return rollup.lateRows();
  }

  private void write(GreeksMinute minute) {
    if (failed != null) {
      return;
    }
    try {
      sink.greeksMinute(minute);
    } catch (Exception e) {
      failed = e;
    }
  }

  private void rethrow() throws Exception {
    if (failed != null) {
      Exception e = failed;
      failed = null;
      throw e;
    }
  }
}
