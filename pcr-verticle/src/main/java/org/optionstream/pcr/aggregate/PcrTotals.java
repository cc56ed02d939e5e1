package org.optionstream.pcr.aggregate;

/**
 * Totals and ratios over one set of strikes (the window or every tracked strike) of one expiry.
 * Open interest and its change in contracts' quantity as Upstox reports it, volume in traded
 * quantity today. Ratios are NaN (JSON null) when undefined, never Infinity.
 *
 * @param ceOi             total CE open interest
 * @param peOi             total PE open interest
 * @param ceVolume         total CE volume
 * @param peVolume         total PE volume
 * @param ceOiChange       total CE (OI - previous session's OI) over the CE legs whose previous OI
 *                         is known; NaN when none is
 * @param peOiChange       the same for PE
 * @param ceLegs           how many CE instruments are counted
 * @param peLegs           how many PE instruments are counted
 * @param pcr              peOi / ceOi; NaN while ceOi is 0
 * @param volumePcr        peVolume / ceVolume; NaN while ceVolume is 0
 * @param oiChangePcr      peOiChange / ceOiChange; NaN when {@code oiChangePcrReason} is set
 * @param oiChangePcrReason why {@code oiChangePcr} is undefined, null when it is defined
 */
public record PcrTotals(
    double ceOi,
    double peOi,
    long ceVolume,
    long peVolume,
    double ceOiChange,
    double peOiChange,
    int ceLegs,
    int peLegs,
    double pcr,
    double volumePcr,
    double oiChangePcr,
    OiChangePcrReason oiChangePcrReason) {

  public static final PcrTotals EMPTY = of(0, 0, 0, 0, Double.NaN, Double.NaN, 0, 0);

  /** Computes the ratios from the totals (the one place the PCR formulas live). */
  public static PcrTotals of(double ceOi, double peOi, long ceVolume, long peVolume,
      double ceOiChange, double peOiChange, int ceLegs, int peLegs) {
    OiChangePcrReason reason = oiChangeReason(ceOiChange, peOiChange);
    return new PcrTotals(ceOi, peOi, ceVolume, peVolume, ceOiChange, peOiChange, ceLegs, peLegs,
        ratio(peOi, ceOi),
        ratio(peVolume, ceVolume),
        reason == null ? peOiChange / ceOiChange : Double.NaN,
        reason);
  }

  /** numerator / denominator, or NaN when the denominator is 0 or either side is not finite. */
  static double ratio(double numerator, double denominator) {
    if (denominator == 0 || !Double.isFinite(numerator) || !Double.isFinite(denominator)) {
      return Double.NaN;
    }
    return numerator / denominator;
  }

  /**
   * Null when peChange / ceChange is a meaningful ratio: both changes known, the CE change not 0,
   * and the two of the same sign (a PE change of 0 gives a ratio of 0).
   */
  static OiChangePcrReason oiChangeReason(double ceOiChange, double peOiChange) {
    if (Double.isNaN(ceOiChange) || Double.isNaN(peOiChange)) {
      return OiChangePcrReason.NO_PREV_OI;
    }
    if (ceOiChange == 0) {
      return OiChangePcrReason.CE_CHANGE_ZERO;
    }
    if (peOiChange != 0 && (peOiChange < 0) != (ceOiChange < 0)) {
      return OiChangePcrReason.SIGNS_DIFFER;
    }
    return null;
  }
}
