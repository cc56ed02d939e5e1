package org.optionstream.pcr.surface;

import org.optionstream.common.json.GreeksUpdate;
import org.optionstream.common.pricing.Black76;

/**
 * Gamma exposure (GEX) of one option position, rupees per 1 % move of the index:
 * sign × Γ × OI × F² × 0.01. Γ is the published gamma, ∂²V/∂F² per index point; since F moves in
 * proportion to the index (F = S·e^(rT)), Γ·F² = Γ_S·S² with Γ_S the gamma with respect to the index,
 * so this is the textbook Γ_S × OI × S² × 0.01: the change of dealers' delta, in rupees of index, for a
 * 1 % move. OI is in contracts' quantity as Upstox reports it (lots × lot size), so no further lot
 * multiplier applies. The sign comes from the {@link DealerConvention}.
 */
public final class GammaExposure {

  private GammaExposure() {
  }

  /** The position's GEX at its own published gamma and forward; 0 when gamma is unknown. */
  public static double of(GreeksUpdate u, DealerConvention convention) {
    double gamma = u.gamma();
    if (!Double.isFinite(gamma) || !Double.isFinite(u.forward()) || !(u.oi() > 0)) {
      return 0.0;
    }
    return convention.sign(isCall(u)) * gamma * u.oi() * u.forward() * u.forward() * 0.01;
  }

  /**
   * The position's GEX re-priced with the index at {@code indexLevel}: its forward scaled by
   * indexLevel / its underlyingPrice, gamma from Black-76 at its own IV, T and rate (sticky strike);
   * 0 without IV, index price or forward.
   */
  public static double at(GreeksUpdate u, double indexLevel, DealerConvention convention) {
    if (!Double.isFinite(u.iv()) || !(u.underlyingPrice() > 0) || !(u.forward() > 0) || !(u.oi() > 0)) {
      return 0.0;
    }
    double forward = u.forward() * indexLevel / u.underlyingPrice();
    double gamma = Black76.gamma(forward, u.strike(), u.timeToExpiry(), u.iv(), u.rate());
    return convention.sign(isCall(u)) * gamma * u.oi() * forward * forward * 0.01;
  }

  static boolean isCall(GreeksUpdate u) {
    return "CE".equals(u.type());
  }
}
