package org.optionstream.feed.forward;

import org.optionstream.common.tick.ForwardSource;

/**
 * The forward of one expiry (README, "Event-bus addresses"), re-estimated on every tick:
 * <pre>
 *   SYNTHETIC:  F = K_atm + (C_atm − P_atm) · e^(rT)   (put-call parity on the ATM pair)
 *   SPOT:       F = S · e^(rT)                         (until both ATM prices are known)
 * </pre>
 * K_atm, C_atm, P_atm, S and F in index points (option prices in rupees per unit = index points),
 * r continuously compounded per year (fraction), T in years (365-day basis, {@code ExpiryClock}).
 * A synthetic forward further than {@code maxRelativeDeviation} from the spot (a stale or crossed ATM
 * quote) is not trusted: the spot carry is used instead. With no spot and no pair the forward is 0
 * and the source {@code FORWARD_SOURCE_UNSPECIFIED}. Not thread-safe; one instance per expiry.
 */
public final class ForwardEstimator {

  /** Default trust band of a synthetic forward around the spot: ±10 %. */
  public static final double DEFAULT_MAX_RELATIVE_DEVIATION = 0.10;

  private final double rate;
  private final double maxRelativeDeviation;
  private double forward;
  private ForwardSource source = ForwardSource.FORWARD_SOURCE_UNSPECIFIED;

  /** @param rate risk-free rate, continuously compounded, fraction per year */
  public ForwardEstimator(double rate) {
    this(rate, DEFAULT_MAX_RELATIVE_DEVIATION);
  }

  public ForwardEstimator(double rate, double maxRelativeDeviation) {
    this.rate = rate;
    this.maxRelativeDeviation = maxRelativeDeviation;
  }

  /**
   * Re-estimates the forward.
   *
   * @param spot          index price, points (≤ 0 or NaN when unknown)
   * @param atmStrike     the expiry's ATM strike, points (NaN when not centred)
   * @param atmCallPrice  ATM call price, rupees (≤ 0 or NaN when unknown)
   * @param atmPutPrice   ATM put price, rupees (≤ 0 or NaN when unknown)
   * @param yearsToExpiry T, years; negative values count as 0
   */
  public void update(double spot, double atmStrike, double atmCallPrice, double atmPutPrice, double yearsToExpiry) {
    double carry = carry(rate, yearsToExpiry);
    boolean haveSpot = spot > 0 && Double.isFinite(spot);
    if (atmStrike > 0 && atmCallPrice > 0 && atmPutPrice > 0) {
      double synthetic = atmStrike + (atmCallPrice - atmPutPrice) * carry;
      if (synthetic > 0 && Double.isFinite(synthetic)
          && (!haveSpot || Math.abs(synthetic / spot - 1.0) <= maxRelativeDeviation)) {
        forward = synthetic;
        source = ForwardSource.SYNTHETIC;
        return;
      }
    }
    if (haveSpot) {
      forward = spot * carry;
      source = ForwardSource.SPOT;
    } else {
      forward = 0;
      source = ForwardSource.FORWARD_SOURCE_UNSPECIFIED;
    }
  }

  /**
   * The spot carry forward S·e^{rT}, index points.
   *
   * @param rate          r, continuously compounded fraction per year
   * @param yearsToExpiry T, years; negative values count as 0
   */
  public static double spotCarry(double spot, double rate, double yearsToExpiry) {
    return spot * carry(rate, yearsToExpiry);
  }

  private static double carry(double rate, double yearsToExpiry) {
    return Math.exp(rate * Math.max(yearsToExpiry, 0.0));
  }

  /** The last estimate, index points (0 when nothing is known). */
  public double forward() {
    return forward;
  }

  public ForwardSource source() {
    return source;
  }
}
