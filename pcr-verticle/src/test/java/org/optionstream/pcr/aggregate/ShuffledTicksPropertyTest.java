package org.optionstream.pcr.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.optionstream.common.UpdateOrder;
import org.optionstream.common.tick.Tick;
import org.optionstream.pcr.Ticks;

/**
 * Whatever the arrival order, the incrementally kept totals equal a full recomputation from the
 * newest tick of every instrument, the window of the newest tick of the expiry, and each
 * instrument's previous-session OI (known when any of its ticks carried it).
 *
 * <p>Ticks spread over 12 strikes × CE/PE; times fall in a few buckets (many equal times, sequence
 * decides); the window and ATM move with the bucket, so re-centring happens in both directions.
 */
class ShuffledTicksPropertyTest {

  private static final double[] STRIKES = {
      23000, 23100, 23200, 23300, 23400, 23500, 23600, 23700, 23800, 23900, 24000, 24100};

  /** One generated tick before it becomes a {@link Tick}. */
  record Spec(int strikeIndex, boolean call, int bucket, int offsetMs, int oi, int volume, boolean carriesPrev) {
  }

  @Provide
  Arbitrary<List<Spec>> specs() {
    Arbitrary<Spec> spec = Combinators.combine(
            Arbitraries.integers().between(0, STRIKES.length - 1),
            Arbitraries.of(true, false),
            Arbitraries.integers().between(0, 5),
            Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(0, 2_000_000),
            Arbitraries.integers().between(0, 5_000_000),
            Arbitraries.of(true, false))
        .as(Spec::new);
    return spec.list().ofMinSize(1).ofMaxSize(300);
  }

  /** The window of a time bucket: ATM walks up and down with it, ±2 strikes (±200 points). */
  private static double atmOf(int bucket) {
    int[] atmIndex = {5, 6, 7, 6, 4, 3};
    return STRIKES[atmIndex[bucket]];
  }

  private static List<Tick> ticks(List<Spec> specs) {
    List<Tick> ticks = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      Spec s = specs.get(i);
      double strike = STRIKES[s.strikeIndex()];
      double atm = atmOf(s.bucket());
      // the previous session's OI is a constant of the instrument
      double prevOi = s.carriesPrev() ? 1_000_000 + s.strikeIndex() * 1000 + (s.call() ? 1 : 0) : Double.NaN;
      ticks.add(Ticks.option(s.call(), strike, Ticks.T0 + s.bucket() * 1000L + s.offsetMs(), i + 1L,
          s.oi(), s.volume(), prevOi, atm, atm - 200, atm + 200));
    }
    return ticks;
  }

  @Property(tries = 300)
  void totalsAfterAnyArrivalOrderEqualAFullRecomputation(@ForAll("specs") List<Spec> specs, @ForAll long seed) {
    List<Tick> ticks = ticks(specs);
    List<Tick> shuffled = new ArrayList<>(ticks);
    Collections.shuffle(shuffled, new Random(seed));

    PcrAggregator aggregator = new PcrAggregator();
    ExpiryBook book = null;
    for (Tick tick : shuffled) {
      book = aggregator.bookFor(tick);
      book.apply(tick);
    }

    // Reference: newest tick per instrument, prev OI from any tick, window from the newest tick.
    Map<String, Tick> newest = new HashMap<>();
    Map<String, Double> prev = new HashMap<>();
    Tick newestOverall = null;
    for (Tick t : ticks) {
      newest.merge(t.getInstrumentKey(), t, (a, b) -> UpdateOrder.isNewer(
          b.getExchangeTimeMs(), b.getSequence(), a.getExchangeTimeMs(), a.getSequence()) ? b : a);
      if (t.hasPrevOpenInterest()) {
        prev.put(t.getInstrumentKey(), t.getPrevOpenInterest());
      }
      if (newestOverall == null || t.getExchangeTimeMs() > newestOverall.getExchangeTimeMs()) {
        newestOverall = t;
      }
    }
    double low = newestOverall.getWindowLowStrike();
    double high = newestOverall.getWindowHighStrike();
    PcrTotals expectedWindow = recompute(newest, prev, low, high);
    PcrTotals expectedAll = recompute(newest, prev, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

    PcrFigures figures = book.figures();
    assertThat(figures.strikeFrom()).isEqualTo(low);
    assertThat(figures.strikeTo()).isEqualTo(high);
    assertThat(figures.atmStrike()).isEqualTo(newestOverall.getAtmStrike());
    assertThat(figures.window()).isEqualTo(expectedWindow);
    assertThat(figures.allStrikes()).isEqualTo(expectedAll);
    assertThat(Double.valueOf(figures.maxPain())).isEqualTo(Double.valueOf(expectedMaxPain(newest)));
  }

  private static PcrTotals recompute(Map<String, Tick> newest, Map<String, Double> prev, double low, double high) {
    double ceOi = 0;
    double peOi = 0;
    long ceVolume = 0;
    long peVolume = 0;
    double ceChange = 0;
    double peChange = 0;
    int cePrev = 0;
    int pePrev = 0;
    int ceLegs = 0;
    int peLegs = 0;
    for (Tick t : newest.values()) {
      if (t.getStrike() < low || t.getStrike() > high) {
        continue;
      }
      Double p = prev.get(t.getInstrumentKey());
      if (t.getKind() == org.optionstream.common.tick.InstrumentKind.CALL) {
        ceOi += t.getOpenInterest();
        ceVolume += t.getVolume();
        ceLegs++;
        if (p != null) {
          ceChange += t.getOpenInterest() - p;
          cePrev++;
        }
      } else {
        peOi += t.getOpenInterest();
        peVolume += t.getVolume();
        peLegs++;
        if (p != null) {
          peChange += t.getOpenInterest() - p;
          pePrev++;
        }
      }
    }
    return PcrTotals.of(ceOi, peOi, ceVolume, peVolume,
        cePrev > 0 ? ceChange : Double.NaN, pePrev > 0 ? peChange : Double.NaN, ceLegs, peLegs);
  }

  private static double expectedMaxPain(Map<String, Tick> newest) {
    double[] ce = new double[STRIKES.length];
    double[] pe = new double[STRIKES.length];
    boolean[] listed = new boolean[STRIKES.length];
    for (Tick t : newest.values()) {
      for (int i = 0; i < STRIKES.length; i++) {
        if (STRIKES[i] == t.getStrike()) {
          listed[i] = true;
          if (t.getKind() == org.optionstream.common.tick.InstrumentKind.CALL) {
            ce[i] = t.getOpenInterest();
          } else {
            pe[i] = t.getOpenInterest();
          }
        }
      }
    }
    // brute force over the listed strikes
    double best = Double.NaN;
    double bestPain = Double.POSITIVE_INFINITY;
    boolean anyOi = false;
    for (int k = 0; k < STRIKES.length; k++) {
      if (!listed[k]) {
        continue;
      }
      anyOi |= ce[k] > 0 || pe[k] > 0;
      double pain = 0;
      for (int s = 0; s < STRIKES.length; s++) {
        pain += ce[s] * Math.max(0, STRIKES[k] - STRIKES[s]) + pe[s] * Math.max(0, STRIKES[s] - STRIKES[k]);
      }
      if (pain < bestPain) {
        bestPain = pain;
        best = STRIKES[k];
      }
    }
    return anyOi ? best : Double.NaN;
  }
}
