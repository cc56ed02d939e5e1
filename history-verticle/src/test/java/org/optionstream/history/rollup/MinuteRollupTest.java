package org.optionstream.history.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.optionstream.history.ingest.GreeksRow;

class MinuteRollupTest {

  private static final long T0 = 1_763_610_300_000L; // 09:15:00 IST, a whole minute
  private static final long MINUTE = 60_000;
  private static final long WALL = T0 + 3_600_000;

  private final MinuteRollup rollup = new MinuteRollup(2_000, 60_000);
  private final List<GreeksMinute> written = new ArrayList<>();

  private void add(String key, long t, double price, double iv) {
    GreeksRow r = new GreeksRow().clear();
    r.instrumentKey = key;
    r.symbol = "NIFTY";
    r.expiry = "2025-11-27";
    r.exchangeTimeMs = t;
    r.price = price;
    r.iv = iv;
    r.volume = (long) price;
    rollup.add(r, WALL, written::add);
  }

  @Test
  void aMinuteFoldsOpenHighLowLastAndIsWrittenWhenTheInstrumentMovesOn() {
    add("A", T0 + 10_000, 1, 0.1); // the first minute seen: before the segment (an earlier writer may have rows of it)
    assertThat(rollup.segmentStartMs()).isEqualTo(T0 + MINUTE);
    add("A", T0 + MINUTE + 5_000, 10, 0.20);
    add("A", T0 + MINUTE + 1_000, 11, 0.21); // older than the row before: it is the open, not the last
    add("A", T0 + MINUTE + 20_000, Double.NaN, 0.25);
    add("A", T0 + MINUTE + 30_000, 8, 0.19);
    add("A", T0 + MINUTE + 40_000, 9, Double.NaN);
    assertThat(written).isEmpty();

    add("A", T0 + 2 * MINUTE, 12, 0.3);
    assertThat(written).hasSize(1);
    GreeksMinute m = written.get(0);
    assertThat(m.minuteMs).isEqualTo(T0 + MINUTE);
    assertThat(m.rows).isEqualTo(5);
    assertThat(m.priceOpen).isEqualTo(11);
    assertThat(m.priceHigh).as("NaN skipped").isEqualTo(11);
    assertThat(m.priceLow).isEqualTo(8);
    assertThat(m.price).isEqualTo(9);
    assertThat(m.ivOpen).isEqualTo(0.21);
    assertThat(m.ivHigh).isEqualTo(0.25);
    assertThat(m.ivLow).isEqualTo(0.19);
    assertThat(m.iv).as("the last row's IV, even when it has none").isNaN();
    assertThat(m.volume).isEqualTo(9);
  }

  @Test
  void theDataClockFinishesEveryMinuteItIsPastByTheGraceAndLateRowsMakeTheirMinuteDirty() {
    add("A", T0, 1, 0.1);
    add("A", T0 + MINUTE + 1_000, 2, 0.1);
    add("B", T0 + MINUTE + 2_000, 3, 0.1);
    add("B", T0 + 2 * MINUTE + 1_000, 4, 0.1); // B's first segment minute is written; A's still open
    assertThat(written).extracting(m -> m.instrumentKey).containsExactly("B");
    assertThat(rollup.finishDue(written::add)).as("the clock is not 2 s past the second minute's end").isFalse();
    assertThat(rollup.completeBeforeMs()).isEqualTo(T0 + MINUTE);

    add("B", T0 + 2 * MINUTE + 2_000, 5, 0.1);
    assertThat(rollup.finishDue(written::add)).isTrue();
    assertThat(rollup.completeBeforeMs()).isEqualTo(T0 + 2 * MINUTE);
    assertThat(written).extracting(m -> m.instrumentKey + "@" + (m.minuteMs - T0) / MINUTE).containsExactly("B@1", "A@1");

    add("A", T0 + MINUTE + 50_000, 6, 0.1); // a minute already complete
    add("C", T0 + 30_000, 7, 0.1); // before the segment: raw only, nothing to mark
    assertThat(rollup.lateRows()).isEqualTo(1);
    assertThat(rollup.takeDirty()).containsExactly(T0 + MINUTE);
    assertThat(rollup.takeDirty()).isEmpty();
  }

  @Test
  void aRowFromTheFutureMovesNothingAndARestartBeginsANewSegmentAfterTheNewestRow() {
    add("A", T0, 1, 0.1);
    add("A", WALL + 3_600_000, 2, 0.1);
    assertThat(rollup.finishDue(written::add)).isFalse();
    assertThat(rollup.takeDirty()).containsExactly(Math.floorDiv(WALL + 3_600_000, MINUTE) * MINUTE);

    add("A", T0 + 3 * MINUTE + 5_000, 3, 0.1);
    rollup.restart();
    assertThat(rollup.segmentStartMs()).isEqualTo(T0 + 4 * MINUTE);
    add("A", T0 + 3 * MINUTE + 6_000, 4, 0.1);
    add("A", T0 + 4 * MINUTE + 6_000, 5, 0.1);
    add("A", T0 + 5 * MINUTE + 6_000, 6, 0.1);
    assertThat(written).extracting(m -> (m.minuteMs - T0) / MINUTE).containsExactly(4L);
    assertThat(written.get(0).rows).as("the rows of the rolled-back minute are not in any written minute").isEqualTo(1);
  }
}
