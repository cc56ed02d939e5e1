package org.optionstream.simulator;

import java.time.DayOfWeek;
import java.util.List;

/**
 * The five index-option underlyings the simulator lists, with what makes each one look like its real
 * market (late 2025 / 2026): exchange segment, index key, strike step, lot size, expiry calendar, and the
 * shape of its volatility surface. The feed never sees this table: it learns all of it from the master file.
 */
final class SimUnderlyings {

  /** How an underlying's expiries fall. */
  enum Calendar {
    /** Every week on {@code day} ({@code SIM_WEEKLY_EXPIRIES} listed); the month's last one is the monthly. */
    WEEKLY,
    /** The last {@code day} of each month ({@code SIM_MONTHLY_EXPIRIES} listed). */
    MONTHLY
  }

  /**
   * One underlying.
   *
   * @param symbol          underlying symbol (the master's {@code underlying_symbol})
   * @param optionSegment   {@code NSE_FO} or {@code BSE_FO}
   * @param indexKey        the index's instrument key
   * @param indexToken      the index's exchange token
   * @param strikeStep      index points between listed strikes
   * @param lotSize         contracts' quantity per lot
   * @param defaultSpot     opening level, index points ({@code SIM_<SYMBOL>_SPOT})
   * @param atmVol          30-day ATM volatility, fraction per year (also the index's GBM volatility)
   * @param termSlope       σ_atm(T) = atmVol · (1 + termSlope · ln(T / 30 days)): positive = contango
   * @param skew            smile slope in x = ln(K/F)/√T (negative: puts richer)
   * @param curvature       smile curvature in x²
   * @param calendar        weekly or monthly expiries
   * @param expiryDay       weekday of the expiries
   * @param strikesEachSide strikes listed each side of the opening ATM
   */
  record Spec(String symbol, String optionSegment, String indexKey, String indexToken, double strikeStep, int lotSize,
              double defaultSpot, double atmVol, double termSlope, double skew, double curvature, Calendar calendar,
              DayOfWeek expiryDay, int strikesEachSide) {

    String indexSegment() {
      return indexKey.substring(0, indexKey.indexOf('|'));
    }

    String indexName() {
      return indexKey.substring(indexKey.indexOf('|') + 1);
    }
  }

  static final List<Spec> ALL = List.of(
      new Spec("NIFTY", "NSE_FO", "NSE_INDEX|Nifty 50", "26000", 50, 65, 23_700, 0.12, 0.06, -0.12, 0.26,
          Calendar.WEEKLY, DayOfWeek.TUESDAY, 60),
      new Spec("BANKNIFTY", "NSE_FO", "NSE_INDEX|Nifty Bank", "26009", 100, 30, 51_200, 0.14, 0.05, -0.10, 0.22,
          Calendar.MONTHLY, DayOfWeek.TUESDAY, 40),
      new Spec("FINNIFTY", "NSE_FO", "NSE_INDEX|Nifty Fin Service", "26037", 50, 60, 24_800, 0.13, 0.05, -0.11, 0.24,
          Calendar.MONTHLY, DayOfWeek.TUESDAY, 60),
      new Spec("MIDCPNIFTY", "NSE_FO", "NSE_INDEX|NIFTY MID SELECT", "26074", 25, 120, 12_600, 0.16, 0.04, -0.09, 0.30,
          Calendar.MONTHLY, DayOfWeek.TUESDAY, 60),
      new Spec("SENSEX", "BSE_FO", "BSE_INDEX|SENSEX", "1", 100, 20, 78_000, 0.125, 0.06, -0.12, 0.26,
          Calendar.WEEKLY, DayOfWeek.THURSDAY, 60));

  private SimUnderlyings() {
  }
}
