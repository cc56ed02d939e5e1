package org.optionstream.pcr.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optionstream.pcr.Ticks.T0;
import static org.optionstream.pcr.Ticks.ce;
import static org.optionstream.pcr.Ticks.option;
import static org.optionstream.pcr.Ticks.pe;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.optionstream.common.tick.Tick;
import org.optionstream.pcr.Ticks;

/**
 * Hand-computed fixtures. The chain (window 23400..23600 around ATM 23500, two strikes outside):
 * <pre>
 * strike   CE oi  CE prev  CE vol |  PE oi  PE prev  PE vol
 * 23300    2000   2000     100    |   200   (none)      0     outside
 * 23400     500    400    1000    |   100    100      500     window
 * 23500     300    200    3000    |   300    100     2000     window (ATM)
 * 23600     200    200    1000    |   800    600     5000     window
 * 23700     100    100       0    |  1800   1900      400     outside
 * </pre>
 */
class ExpiryBookTest {

  private static final double NO_PREV = Double.NaN;

  private static List<Tick> chain() {
    long t = T0;
    return List.of(
        ce(23300, t, 1, 2000, 100, 2000), pe(23300, t, 1, 200, 0, NO_PREV),
        ce(23400, t, 1, 500, 1000, 400), pe(23400, t, 1, 100, 500, 100),
        ce(23500, t, 1, 300, 3000, 200), pe(23500, t, 1, 300, 2000, 100),
        ce(23600, t, 1, 200, 1000, 200), pe(23600, t, 1, 800, 5000, 600),
        ce(23700, t, 1, 100, 0, 100), pe(23700, t, 1, 1800, 400, 1900));
  }

  private static ExpiryBook book(List<Tick> ticks) {
    PcrAggregator aggregator = new PcrAggregator();
    ExpiryBook book = null;
    for (Tick tick : ticks) {
      book = aggregator.bookFor(tick);
      book.apply(tick);
    }
    return book;
  }

  @Test
  void windowFiguresMatchTheHandComputation() {
    PcrFigures f = book(chain()).figures();
    assertThat(f.atmStrike()).isEqualTo(23500);
    assertThat(f.strikeFrom()).isEqualTo(23400);
    assertThat(f.strikeTo()).isEqualTo(23600);
    PcrTotals w = f.window();
    // OI: CE 500+300+200 = 1000, PE 100+300+800 = 1200 -> 1.2
    assertThat(w.ceOi()).isEqualTo(1000);
    assertThat(w.peOi()).isEqualTo(1200);
    assertThat(w.pcr()).isEqualTo(1.2);
    // volume: CE 1000+3000+1000 = 5000, PE 500+2000+5000 = 7500 -> 1.5
    assertThat(w.ceVolume()).isEqualTo(5000);
    assertThat(w.peVolume()).isEqualTo(7500);
    assertThat(w.volumePcr()).isEqualTo(1.5);
    // change: CE (+100)+(+100)+0 = 200, PE 0+200+200 = 400 -> 2.0
    assertThat(w.ceOiChange()).isEqualTo(200);
    assertThat(w.peOiChange()).isEqualTo(400);
    assertThat(w.oiChangePcr()).isEqualTo(2.0);
    assertThat(w.oiChangePcrReason()).isNull();
    assertThat(w.ceLegs()).isEqualTo(3);
    assertThat(w.peLegs()).isEqualTo(3);
  }

  @Test
  void allStrikeFiguresMatchTheHandComputation() {
    PcrFigures f = book(chain()).figures();
    assertThat(f.allStrikesFrom()).isEqualTo(23300);
    assertThat(f.allStrikesTo()).isEqualTo(23700);
    PcrTotals all = f.allStrikes();
    // OI: CE 2000+1000+100 = 3100, PE 200+1200+1800 = 3200
    assertThat(all.ceOi()).isEqualTo(3100);
    assertThat(all.peOi()).isEqualTo(3200);
    assertThat(all.pcr()).isEqualTo(3200.0 / 3100.0);
    // volume: CE 100+5000+0 = 5100, PE 0+7500+400 = 7900
    assertThat(all.volumePcr()).isEqualTo(7900.0 / 5100.0);
    // change: CE 0+200+0 = 200; PE 400 + (1800-1900) = 300, 23300 PE has no previous OI
    assertThat(all.ceOiChange()).isEqualTo(200);
    assertThat(all.peOiChange()).isEqualTo(300);
    assertThat(all.oiChangePcr()).isEqualTo(1.5);
  }

  @Test
  void maxPainIsTheStrikeWithTheLeastWriterPayout() {
    // pain(K) = sum ce(s)(K-s) for s<K + pe(s)(s-K) for s>K:
    // 23300: 100*100+300*200+800*300+1800*400                 = 1,030,000
    // 23400: 2000*100 + 300*100+800*200+1800*300              =   930,000
    // 23500: 2000*200+500*100 + 800*100+1800*200              =   890,000  <- least
    // 23600: 2000*300+500*200+300*100 + 1800*100              =   910,000
    // 23700: 2000*400+500*300+300*200+200*100                 = 1,030,000
    assertThat(book(chain()).figures().maxPain()).isEqualTo(23500);
    assertThat(MaxPain.of(new double[] {100, 200}, new double[] {5, 0}, new double[] {0, 5}))
        .as("tie: pain(100) = 5*100 = pain(200) = 5*100, the lowest strike wins").isEqualTo(100);
    assertThat(MaxPain.of(new double[] {100, 200}, new double[] {0, 0}, new double[] {0, 0})).isNaN();
    assertThat(MaxPain.of(new double[0], new double[0], new double[0])).isNaN();
  }

  @Test
  void oiByStrikeListsEveryTrackedStrikeWithChangesWhereKnown() {
    OiByStrike table = book(chain()).oiByStrike();
    assertThat(table.strikes()).extracting(StrikeOi::strike)
        .containsExactly(23300.0, 23400.0, 23500.0, 23600.0, 23700.0);
    StrikeOi low = table.strikes().get(0);
    assertThat(low.ceOi()).isEqualTo(2000);
    assertThat(low.ceOiChange()).isEqualTo(0);
    assertThat(low.peOi()).isEqualTo(200);
    assertThat(low.peOiChange()).as("no previous OI").isNaN();
    StrikeOi high = table.strikes().get(4);
    assertThat(high.peOiChange()).isEqualTo(-100);
    assertThat(high.peVolume()).isEqualTo(400);
    assertThat(table.maxPain()).isEqualTo(23500);
    assertThat(table.atmStrike()).isEqualTo(23500);
  }

  @Test
  void pcrIsUndefinedWhileTheCallSideHasNoOpenInterest() {
    ExpiryBook onlyPuts = book(List.of(pe(23500, T0, 1, 300, 10, NO_PREV)));
    PcrTotals w = onlyPuts.figures().window();
    assertThat(w.pcr()).isNaN();
    assertThat(w.volumePcr()).isNaN();
    assertThat(w.oiChangePcrReason()).isEqualTo(OiChangePcrReason.NO_PREV_OI);

    ExpiryBook zeroCalls = book(List.of(ce(23500, T0, 1, 0, 0, NO_PREV), pe(23500, T0, 1, 300, 10, NO_PREV)));
    assertThat(zeroCalls.figures().window().pcr()).isNaN();
  }

  @Test
  void changeInOiPcrIsUndefinedWithAReason() {
    // CE change 0: 300 vs prev 300.
    PcrTotals ceZero = book(List.of(ce(23500, T0, 1, 300, 0, 300), pe(23500, T0, 1, 400, 0, 100))).windowTotals();
    assertThat(ceZero.oiChangePcr()).isNaN();
    assertThat(ceZero.oiChangePcrReason()).isEqualTo(OiChangePcrReason.CE_CHANGE_ZERO);
    // signs differ: CE +100, PE -50.
    PcrTotals signs = book(List.of(ce(23500, T0, 1, 400, 0, 300), pe(23500, T0, 1, 50, 0, 100))).windowTotals();
    assertThat(signs.oiChangePcr()).isNaN();
    assertThat(signs.oiChangePcrReason()).isEqualTo(OiChangePcrReason.SIGNS_DIFFER);
    // PE previous OI unknown.
    PcrTotals noPePrev = book(List.of(ce(23500, T0, 1, 400, 0, 300), pe(23500, T0, 1, 50, 0, NO_PREV))).windowTotals();
    assertThat(noPePrev.oiChangePcrReason()).isEqualTo(OiChangePcrReason.NO_PREV_OI);
    assertThat(noPePrev.peOiChange()).isNaN();
    // both falling: CE -200, PE -100 -> 0.5 (defined).
    PcrTotals falling = book(List.of(ce(23500, T0, 1, 100, 0, 300), pe(23500, T0, 1, 100, 0, 200))).windowTotals();
    assertThat(falling.oiChangePcr()).isEqualTo(0.5);
    assertThat(falling.oiChangePcrReason()).isNull();
    // PE unchanged, CE up: 0 / 100 = 0 (defined).
    PcrTotals flatPuts = book(List.of(ce(23500, T0, 1, 400, 0, 300), pe(23500, T0, 1, 100, 0, 100))).windowTotals();
    assertThat(flatPuts.oiChangePcr()).isEqualTo(0.0);
    assertThat(flatPuts.oiChangePcrReason()).isNull();
  }

  @Test
  void anOlderTickNeverOverwritesANewerOne() {
    ExpiryBook book = book(List.of(ce(23500, T0 + 1000, 5, 500, 50, NO_PREV)));
    assertThat(book.apply(ce(23500, T0, 9, 900, 90, NO_PREV))).as("older time, higher sequence")
        .isEqualTo(TickOutcome.STALE);
    assertThat(book.apply(ce(23500, T0 + 1000, 4, 900, 90, NO_PREV))).as("same time, lower sequence")
        .isEqualTo(TickOutcome.STALE);
    assertThat(book.apply(ce(23500, T0 + 1000, 5, 900, 90, NO_PREV))).as("same time and sequence")
        .isEqualTo(TickOutcome.STALE);
    assertThat(book.windowTotals().ceOi()).isEqualTo(500);
    assertThat(book.windowTotals().ceVolume()).isEqualTo(50);

    assertThat(book.apply(ce(23500, T0 + 1000, 6, 600, 60, NO_PREV))).isEqualTo(TickOutcome.CHANGED);
    assertThat(book.apply(ce(23500, T0 + 1001, 1, 600, 60, NO_PREV))).as("newer, same figures")
        .isEqualTo(TickOutcome.UNCHANGED);
    assertThat(book.windowTotals().ceOi()).isEqualTo(600);
    assertThat(book.allStrikesTotals().ceOi()).isEqualTo(600);
  }

  @Test
  void anOlderTickStillTeachesThePreviousSessionsOi() {
    ExpiryBook book = book(List.of(ce(23500, T0 + 1000, 5, 500, 0, NO_PREV), pe(23500, T0, 1, 100, 0, 100)));
    assertThat(book.windowTotals().oiChangePcrReason()).isEqualTo(OiChangePcrReason.NO_PREV_OI);
    assertThat(book.apply(ce(23500, T0, 1, 999, 0, 400))).isEqualTo(TickOutcome.CHANGED);
    PcrTotals w = book.windowTotals();
    assertThat(w.ceOi()).as("OI stays the newest").isEqualTo(500);
    assertThat(w.ceOiChange()).isEqualTo(100);
    // a newer tick without the field keeps the known previous OI
    book.apply(ce(23500, T0 + 2000, 1, 450, 0, NO_PREV));
    assertThat(book.windowTotals().ceOiChange()).isEqualTo(50);
  }

  @Test
  void aRecentredWindowDropsTheStrikeThatLeftAndCountsTheOneThatEntered() {
    ExpiryBook book = book(chain());
    assertThat(book.windowTotals().ceOi()).isEqualTo(1000);

    // ATM moves to 23600: window 23500..23700. A tick of 23700 CE brings the new window.
    Tick recentre = option(true, 23700, T0 + 5000, 2, 150, 10, 100, 23600, 23500, 23700);
    assertThat(book.apply(recentre)).isEqualTo(TickOutcome.CHANGED);
    PcrFigures f = book.figures();
    assertThat(f.atmStrike()).isEqualTo(23600);
    assertThat(f.strikeFrom()).isEqualTo(23500);
    assertThat(f.strikeTo()).isEqualTo(23700);
    // CE 300+200+150 = 650 (23400's 500 left), PE 300+800+1800 = 2900
    assertThat(f.window().ceOi()).isEqualTo(650);
    assertThat(f.window().peOi()).isEqualTo(2900);
    assertThat(f.window().pcr()).isEqualTo(2900.0 / 650.0);
    // CE change 100+0+50 = 150; PE 200+200-100 = 300
    assertThat(f.window().ceOiChange()).isEqualTo(150);
    assertThat(f.window().peOiChange()).isEqualTo(300);
    assertThat(f.allStrikes().ceOi()).isEqualTo(3150);

    // 23400 is outside now: its ticks move only the all-strikes totals.
    book.apply(option(true, 23400, T0 + 6000, 2, 1500, 1000, 400, 23600, 23500, 23700));
    assertThat(book.windowTotals().ceOi()).isEqualTo(650);
    assertThat(book.allStrikesTotals().ceOi()).isEqualTo(4150);

    // A late tick still carrying the old window does not move the window back.
    book.apply(option(false, 23300, T0 + 4000, 2, 250, 0, NO_PREV, 23500, 23400, 23600));
    assertThat(book.figures().strikeFrom()).isEqualTo(23500);
    assertThat(book.windowTotals().ceOi()).isEqualTo(650);
    assertThat(book.windowStrikes().keySet()).containsExactly(23500.0, 23600.0, 23700.0);
  }

  @Test
  void indexAndMalformedTicksAreNotForPcr() {
    PcrAggregator aggregator = new PcrAggregator();
    assertThat(aggregator.bookFor(Ticks.index(T0, 23512))).isNull();
    assertThat(aggregator.bookFor(ce(23500, T0, 1, Double.NaN, 0, NO_PREV))).isNull();
    assertThat(aggregator.bookFor(ce(23500, T0, 1, -1, 0, NO_PREV))).isNull();
    assertThat(aggregator.bookFor(ce(0, T0, 1, 10, 0, NO_PREV))).isNull();
    assertThat(aggregator.books()).isEmpty();
  }

  @Test
  void expiriesAreKeptApart() {
    PcrAggregator aggregator = new PcrAggregator();
    Tick near = ce(23500, T0, 1, 100, 0, NO_PREV);
    Tick far = near.toBuilder().setExpiryEpochDay(near.getExpiryEpochDay() + 7).setOpenInterest(900).build();
    aggregator.bookFor(near).apply(near);
    aggregator.bookFor(far).apply(far);
    assertThat(aggregator.books()).hasSize(2);
    assertThat(aggregator.book(new ExpiryKey("NIFTY", near.getExpiryEpochDay())).windowTotals().ceOi()).isEqualTo(100);
    assertThat(aggregator.book(new ExpiryKey("NIFTY", far.getExpiryEpochDay())).windowTotals().ceOi()).isEqualTo(900);
    assertThat(new ExpiryKey("NIFTY", near.getExpiryEpochDay()).toString()).isEqualTo("NIFTY/2025-11-27");
  }
}
