package org.optionstream.pcr.aggregate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.optionstream.common.UpdateOrder;
import org.optionstream.common.tick.InstrumentKind;
import org.optionstream.common.tick.Tick;

/**
 * Open-interest state of one underlying and expiry: the newest OI, volume and previous-session OI
 * per instrument, and running totals over the feed's ±window around ATM and over every tracked
 * strike.
 *
 * <p>Per tick the work is O(1) (plus the instrument lookup): the instrument's old contribution is
 * subtracted from the totals and its new one added. The window is whatever the newest tick of the
 * expiry says ({@code window_low_strike}/{@code window_high_strike}, by exchange time); when it
 * moves (the feed re-centred on a new ATM) the window totals are rebuilt from the strikes inside the
 * new range only, O(log n + strikes in window), so an instrument that left the window stops
 * counting and one that entered starts counting with its latest OI.
 *
 * <p>Ordering: a tick that is not newer than the one held for its instrument (by exchange time,
 * then sequence, {@link UpdateOrder}) never overwrites it. The previous session's OI is a constant
 * per instrument, so it is taken from any tick that carries it, even an older one, when it is not
 * known yet; the outcome then does not depend on arrival order.
 *
 * <p>Not thread-safe: one event loop owns a book.
 */
public final class ExpiryBook {

  private final ExpiryKey key;
  private final Map<String, Leg> legs = new HashMap<>();
  private final TreeMap<Double, StrikeRow> rows = new TreeMap<>();
  private final OiTotals windowTotals = new OiTotals();
  private final OiTotals allTotals = new OiTotals();

  private double windowLow = Double.NaN;
  private double windowHigh = Double.NaN;
  private double atmStrike = Double.NaN;
  private long windowAsOfMs = Long.MIN_VALUE;
  private long newestExchangeTimeMs;
  /** Bumped whenever any OI changes: the max-pain cache key. */
  private long oiVersion;
  private long maxPainVersion = -1;
  private double maxPain = Double.NaN;

  public ExpiryBook(ExpiryKey key) {
    this.key = key;
  }

  public ExpiryKey key() {
    return key;
  }

  /**
   * Applies one CE or PE tick of this expiry (the caller routes by symbol and expiry and has
   * checked that kind, strike and OI are valid: see {@link PcrAggregator#accepts(Tick)}).
   */
  public TickOutcome apply(Tick tick) {
    Leg leg = legs.get(tick.getInstrumentKey());
    boolean fresh = leg == null;
    if (fresh) {
      leg = newLeg(tick);
    }
    boolean newer = fresh || UpdateOrder.isNewer(
        tick.getExchangeTimeMs(), tick.getSequence(), leg.exchangeTimeMs, leg.sequence);
    boolean changed;
    if (newer) {
      changed = applyNewer(leg, tick, fresh);
    } else {
      changed = learnPrevOi(leg, tick);
    }
    changed |= followWindow(tick);
    if (!newer) {
      return changed ? TickOutcome.CHANGED : TickOutcome.STALE;
    }
    return changed ? TickOutcome.CHANGED : TickOutcome.UNCHANGED;
  }

  private Leg newLeg(Tick tick) {
    boolean call = tick.getKind() == InstrumentKind.CALL;
    Leg leg = new Leg(tick.getInstrumentKey(), tick.getStrike(), call);
    StrikeRow row = rows.computeIfAbsent(leg.strike, StrikeRow::new);
    Leg replaced = call ? row.ce : row.pe;
    if (replaced != null) {
      // Another instrument key for the same strike and side (a re-listed contract): the newer key wins.
      removeContribution(replaced);
      legs.remove(replaced.instrumentKey);
    }
    if (call) {
      row.ce = leg;
    } else {
      row.pe = leg;
    }
    legs.put(leg.instrumentKey, leg);
    return leg;
  }

  private boolean applyNewer(Leg leg, Tick tick, boolean fresh) {
    double oi = tick.getOpenInterest();
    long volume = tick.getVolume();
    double prevOi = tick.hasPrevOpenInterest() && Double.isFinite(tick.getPrevOpenInterest())
        ? tick.getPrevOpenInterest() : leg.prevOi;
    leg.exchangeTimeMs = tick.getExchangeTimeMs();
    leg.sequence = tick.getSequence();
    if (tick.getExchangeTimeMs() > newestExchangeTimeMs) {
      newestExchangeTimeMs = tick.getExchangeTimeMs();
    }
    boolean sameFigures = !fresh && leg.oi == oi && leg.volume == volume
        && Double.compare(leg.prevOi, prevOi) == 0;
    if (sameFigures) {
      return false;
    }
    if (!fresh) {
      removeContribution(leg);
    }
    if (fresh || leg.oi != oi) {
      oiVersion++;
    }
    leg.oi = oi;
    leg.volume = volume;
    leg.prevOi = prevOi;
    addContribution(leg);
    return true;
  }

  private boolean learnPrevOi(Leg leg, Tick tick) {
    if (leg.hasPrevOi() || !tick.hasPrevOpenInterest() || !Double.isFinite(tick.getPrevOpenInterest())) {
      return false;
    }
    removeContribution(leg);
    leg.prevOi = tick.getPrevOpenInterest();
    addContribution(leg);
    return true;
  }

  private void addContribution(Leg leg) {
    allTotals.add(leg);
    if (inWindow(leg.strike)) {
      windowTotals.add(leg);
    }
  }

  private void removeContribution(Leg leg) {
    allTotals.remove(leg);
    if (inWindow(leg.strike)) {
      windowTotals.remove(leg);
    }
  }

  private boolean inWindow(double strike) {
    return strike >= windowLow && strike <= windowHigh; // false while the window is NaN
  }

  /** Takes the window and ATM strike of the newest tick of the expiry; true when either moved. */
  private boolean followWindow(Tick tick) {
    double low = tick.getWindowLowStrike();
    double high = tick.getWindowHighStrike();
    if (tick.getExchangeTimeMs() < windowAsOfMs
        || !(low > 0) || !(high >= low) || !Double.isFinite(high)) {
      return false;
    }
    windowAsOfMs = tick.getExchangeTimeMs();
    boolean changed = false;
    double atm = tick.getAtmStrike();
    if (atm > 0 && Double.isFinite(atm) && atm != atmStrike) {
      atmStrike = atm;
      changed = true;
    }
    if (low != windowLow || high != windowHigh) {
      windowLow = low;
      windowHigh = high;
      rebuildWindowTotals();
      changed = true;
    }
    return changed;
  }

  private void rebuildWindowTotals() {
    windowTotals.clear();
    for (StrikeRow row : rows.subMap(windowLow, true, windowHigh, true).values()) {
      if (row.ce != null) {
        windowTotals.add(row.ce);
      }
      if (row.pe != null) {
        windowTotals.add(row.pe);
      }
    }
  }

  /** Every figure of the expiry now; max pain is recomputed only when some OI changed since. */
  public PcrFigures figures() {
    return new PcrFigures(key, atmStrike, windowLow, windowHigh, windowTotals.view(),
        rows.isEmpty() ? Double.NaN : rows.firstKey(),
        rows.isEmpty() ? Double.NaN : rows.lastKey(),
        allTotals.view(),
        maxPain());
  }

  /** Totals over the window only, without computing max pain. */
  public PcrTotals windowTotals() {
    return windowTotals.view();
  }

  /** Totals over every tracked strike, without computing max pain. */
  public PcrTotals allStrikesTotals() {
    return allTotals.view();
  }

  /** The max-pain strike over every tracked strike, NaN while there is no OI. */
  public double maxPain() {
    if (maxPainVersion != oiVersion) {
      int n = rows.size();
      double[] strikes = new double[n];
      double[] ceOi = new double[n];
      double[] peOi = new double[n];
      int i = 0;
      for (StrikeRow row : rows.values()) {
        strikes[i] = row.strike;
        ceOi[i] = row.ce == null ? 0 : row.ce.oi;
        peOi[i] = row.pe == null ? 0 : row.pe.oi;
        i++;
      }
      maxPain = MaxPain.of(strikes, ceOi, peOi);
      maxPainVersion = oiVersion;
    }
    return maxPain;
  }

  /** The per-strike OI table, ascending by strike, over every tracked strike. */
  public OiByStrike oiByStrike() {
    List<StrikeOi> table = new ArrayList<>(rows.size());
    for (StrikeRow row : rows.values()) {
      table.add(row.view());
    }
    return new OiByStrike(key, atmStrike, maxPain(), List.copyOf(table));
  }

  /** The strikes inside the current window, ascending (empty while no window is known). */
  public NavigableMap<Double, StrikeOi> windowStrikes() {
    TreeMap<Double, StrikeOi> view = new TreeMap<>();
    if (!Double.isNaN(windowLow)) {
      rows.subMap(windowLow, true, windowHigh, true).forEach((strike, row) -> view.put(strike, row.view()));
    }
    return view;
  }

  /** The newest exchange time (epoch ms) of any tick applied as newest for its instrument. */
  public long newestExchangeTimeMs() {
    return newestExchangeTimeMs;
  }

  /** How many instruments are tracked. */
  public int instruments() {
    return legs.size();
  }
}
