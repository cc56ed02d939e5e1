package org.optionstream.history.rollup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.optionstream.history.ingest.GreeksRow;

/**
 * Folds {@code greeks} rows into per-instrument minutes ({@link GreeksMinute}) as they are written, and says
 * which stretch of time the folded minutes cover completely.
 *
 * <p>A <em>segment</em> starts at the first whole minute after the first row this rollup sees (an earlier
 * process may have written rows of that first minute), and after a rollback at the first whole minute after the
 * newest row seen (the open minutes held rolled-back rows). An instrument's minute is finished when a row of a
 * later minute arrives for it, or when the data clock (the newest exchange time written) is {@code graceMs} past
 * the minute's end. {@link #completeBeforeMs()} is the minute boundary before which every minute of the segment
 * is finished: for any instrument and minute in [{@link #segmentStartMs()}, {@link #completeBeforeMs()}), the
 * minute rows hold exactly what the {@code greeks} rows hold, except for minutes reported as <em>dirty</em>: a row
 * that arrives for a minute already finished (a replay of an earlier session into the same database, a resend
 * after the grace) is stored raw but cannot be folded into a minute already written.
 *
 * <p>Rows with an exchange time more than {@code futureToleranceMs} ahead of the wall clock move neither the
 * data clock nor the minutes (they are stored raw; their minutes are marked dirty). One thread only.
 */
public final class MinuteRollup {

  static final long MINUTE_MS = 60_000L;

  private final long graceMs;
  private final long futureToleranceMs;
  private final Map<String, GreeksMinute> open = new HashMap<>();
  private final TreeSet<Long> dirty = new TreeSet<>();
  private long segmentStartMs = Long.MIN_VALUE;
  private long completeBeforeMs = Long.MIN_VALUE;
  private long dataClockMs = Long.MIN_VALUE;
  private long lateRows;

  /**
   * @param graceMs           how long after a minute's end (data time) rows of it may still arrive
   * @param futureToleranceMs how far ahead of the wall clock an exchange time may be
   */
  public MinuteRollup(long graceMs, long futureToleranceMs) {
    this.graceMs = graceMs;
    this.futureToleranceMs = futureToleranceMs;
  }

  /** Folds one row written to {@code greeks}; a minute it finishes goes to {@code finished}. */
  public void add(GreeksRow r, long wallClockMs, Consumer<GreeksMinute> finished) {
    if (r.instrumentKey == null || r.exchangeTimeMs == GreeksRow.NO_LONG) {
      return;
    }
    long minute = Math.floorDiv(r.exchangeTimeMs, MINUTE_MS) * MINUTE_MS;
    if (r.exchangeTimeMs > wallClockMs + futureToleranceMs) {
      late(minute);
      return;
    }
    if (segmentStartMs == Long.MIN_VALUE) {
      segmentStartMs = minute + MINUTE_MS;
      completeBeforeMs = segmentStartMs;
    }
    dataClockMs = Math.max(dataClockMs, r.exchangeTimeMs);
    if (minute < segmentStartMs) {
      return; // before the segment: answered from the raw rows
    }
    if (minute < completeBeforeMs) {
      late(minute);
      return;
    }
    GreeksMinute current = open.get(r.instrumentKey);
    if (current == null) {
      open.put(r.instrumentKey, new GreeksMinute(minute, r));
    } else if (current.minuteMs == minute) {
      current.fold(r);
    } else if (minute > current.minuteMs) {
      finished.accept(current);
      open.put(r.instrumentKey, new GreeksMinute(minute, r));
    } else {
      late(minute); // that instrument's minute was already written
    }
  }

  /**
   * Finishes every minute the data clock is {@code graceMs} past, handing each to {@code finished}, and moves
   * {@link #completeBeforeMs()}; returns true when it moved.
   */
  public boolean finishDue(Consumer<GreeksMinute> finished) {
    if (dataClockMs == Long.MIN_VALUE) {
      return false;
    }
    long boundary = Math.floorDiv(dataClockMs - graceMs, MINUTE_MS) * MINUTE_MS;
    if (boundary <= completeBeforeMs) {
      return false;
    }
    List<GreeksMinute> due = new ArrayList<>();
    for (Iterator<GreeksMinute> it = open.values().iterator(); it.hasNext(); ) {
      GreeksMinute m = it.next();
      if (m.minuteMs < boundary) {
        due.add(m);
        it.remove();
      }
    }
    due.sort((a, b) -> Long.compare(a.minuteMs, b.minuteMs));
    due.forEach(finished);
    completeBeforeMs = boundary;
    return true;
  }

  /** The rows folded so far may not all be stored: forget the open minutes and start a new segment. */
  public void restart() {
    open.clear();
    if (dataClockMs != Long.MIN_VALUE) {
      segmentStartMs = Math.floorDiv(dataClockMs, MINUTE_MS) * MINUTE_MS + MINUTE_MS;
      completeBeforeMs = segmentStartMs;
    } else {
      segmentStartMs = completeBeforeMs = Long.MIN_VALUE;
    }
  }

  /** The minutes marked dirty since the last call, in order; empties the set. */
  public List<Long> takeDirty() {
    List<Long> minutes = new ArrayList<>(dirty);
    dirty.clear();
    return minutes;
  }

  private void late(long minute) {
    lateRows++;
    dirty.add(minute);
  }

  /** Start of the current segment, epoch ms ({@link Long#MIN_VALUE} before the first row). */
  public long segmentStartMs() {
    return segmentStartMs;
  }

  /** Every minute of the segment before this boundary is finished, epoch ms. */
  public long completeBeforeMs() {
    return completeBeforeMs;
  }

  /** Rows that could not be folded (their minutes are dirty). */
  public long lateRows() {
    return lateRows;
  }
}
