package org.optionstream.history.query;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.optionstream.history.rollup.RollupSink;
import org.optionstream.history.store.SqlReader;
import org.optionstream.history.store.SqlText;
import org.optionstream.history.store.Tables;

/**
 * What the {@code greeks_1m} rollup can answer inside a range, from {@code greeks_1m_marks}: of the complete stretches
 * the writer recorded (one per writing process, as far as it got), the one overlapping the range most, and the
 * minutes inside the range the rollup does not hold whole.
 *
 * @param fromMs       start of the complete stretch, epoch ms (0 with {@code beforeMs} 0: none)
 * @param beforeMs     end of the complete stretch, exclusive, epoch ms
 * @param dirtyMinutes minutes within the asked range whose rows are not all in the rollup, epoch ms
 */
record RollupCoverage(long fromMs, long beforeMs, List<Long> dirtyMinutes) {

  static final RollupCoverage NONE = new RollupCoverage(0, 0, List.of());
  private static final long MINUTE_MS = 60_000L;
  /** Marks read for one question at most: a year of minutes' complete marks, and then some. */
  private static final int MAX_MARKS = 1_000_000;

  /** The coverage of [{@code from}, {@code to}), read in one pass over the marks. */
  static Future<RollupCoverage> of(SqlReader reader, long from, long to) {
    String sql = "SELECT kind, complete_from, ts FROM " + Tables.GREEKS_1M_MARKS
        + " WHERE ts >= " + SqlText.timestamp(from - MINUTE_MS) + " AND (kind = '" + RollupSink.DIRTY + "' AND ts < "
        + SqlText.timestamp(to) + " OR kind = '" + RollupSink.COMPLETE + "' AND complete_from < " + SqlText.timestamp(to)
        + ")";
    return reader.query(sql, MAX_MARKS).map(marks -> {
      Map<Long, Long> stretches = new HashMap<>(); // start -> furthest end
      List<Long> dirty = new ArrayList<>();
      for (Object[] row : marks.rows()) {
        if (!(row[1] instanceof Long start) || !(row[2] instanceof Long ts)) {
          continue;
        }
        if (RollupSink.DIRTY.equals(row[0])) {
          dirty.add(ts);
        } else {
          stretches.merge(start, ts, Math::max);
        }
      }
      long bestFrom = 0;
      long bestBefore = 0;
      long bestOverlap = 0;
      for (Map.Entry<Long, Long> stretch : stretches.entrySet()) {
        long overlap = Math.min(to, stretch.getValue()) - Math.max(from, stretch.getKey());
        if (overlap > bestOverlap) {
          bestOverlap = overlap;
          bestFrom = stretch.getKey();
          bestBefore = stretch.getValue();
        }
      }
      return bestOverlap <= 0 ? NONE : new RollupCoverage(bestFrom, bestBefore, dirty);
    });
  }

  /** True when a dirty minute overlaps [{@code fromMs}, {@code toMs}). */
  boolean dirtyWithin(long fromMs, long toMs) {
    for (long minute : dirtyMinutes) {
      if (minute + MINUTE_MS > fromMs && minute < toMs) {
        return true;
      }
    }
    return false;
  }
}
