package org.optionstream.common.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Published values, converted from the books' spot-based Black-Scholes-Merton conventions to ours
 * (Black-76 on F = S·e^((r−q)T), delta and gamma with respect to F, theta per day with F held, vega per
 * vol point, rho per 1 % with F held). With ∂F/∂S = e^((r−q)T): Δ_S = Δ_F·e^((r−q)T),
 * Γ_S = Γ_F·e^(2(r−q)T), Θ_S (per year) = 365·Θ_F − (r−q)·F·Δ_F, ρ_S (per unit) = 100·ρ_F + T·F·Δ_F.
 */
class ReferenceValuesTest {

  private final GreeksResult r = new GreeksResult();

  private static double forward(double spot, double q, double rate, double years) {
    return spot * Math.exp((rate - q) * years);
  }

  /** J. C. Hull, Options, Futures, and Other Derivatives (8th ed.), Example 15.6: S=42, K=40, r=10 %, σ=20 %, T=0.5. */
  @Test
  void hullExample15_6PricesDeltaAndGamma() {
    double f = forward(42, 0, 0.10, 0.5);
    assertThat(Black76.price(f, 40, 0.5, 0.20, 0.10, true)).isCloseTo(4.7594, within(5e-5));
    assertThat(Black76.price(f, 40, 0.5, 0.20, 0.10, false)).isCloseTo(0.8086, within(5e-5));
    Black76.greeks(f, 40, 0.5, 0.10, 0.20, true, r);
    double growth = Math.exp(0.10 * 0.5);
    assertThat(r.delta * growth).isCloseTo(0.7791, within(5e-5));
    assertThat(r.gamma * growth * growth).isCloseTo(0.04996, within(5e-5));
    // and the IV solver recovers σ from Hull's rounded prices to their 4-decimal precision
    Black76.solve(f, 40, 0.5, 0.10, 4.7594, true, Double.NaN, r);
    assertThat(r.iv).isCloseTo(0.20, within(1e-4));
  }

  /** E. G. Haug, The Complete Guide to Option Pricing Formulas (2nd ed.), Black-76 futures option, as in QuantLib's europeanoption.cpp. */
  @Test
  void haugBlack76FuturesOptionAtTheMoney() {
    assertThat(Black76.price(19, 19, 0.75, 0.28, 0.10, true)).isCloseTo(1.7011, within(5e-5));
    assertThat(Black76.price(19, 19, 0.75, 0.28, 0.10, false)).isCloseTo(1.7011, within(5e-5));
  }

  /** Haug (2nd ed.) p. 13 / QuantLib europeanoption.cpp testGreekValues: put theta S=430, K=405, q=5 %, r=7 %,
   * T=0.0833, σ=20 % → −31.1924 per year. */
  @Test
  void haugPutThetaPerYearWithSpotHeld() {
    double t = 0.0833;
    double f = forward(430, 0.05, 0.07, t);
    Black76.greeks(f, 405, t, 0.07, 0.20, false, r);
    double spotTheta = 365 * r.theta - (0.07 - 0.05) * f * r.delta;
    assertThat(spotTheta).isCloseTo(-31.1924, within(5e-4));
  }

  /** QuantLib europeanoption.cpp testGreekValues (Haug): deltas S=105, K=100, q=r=10 %, T=0.5, σ=36 %. */
  @Test
  void haugDeltas() {
    double f = forward(105, 0.10, 0.10, 0.5);
    Black76.greeks(f, 100, 0.5, 0.10, 0.36, true, r);
    assertThat(r.delta).isCloseTo(0.5946, within(5e-5));
    Black76.greeks(f, 100, 0.5, 0.10, 0.36, false, r);
    assertThat(r.delta).isCloseTo(-0.3566, within(5e-5));
  }

  /** QuantLib europeanoption.cpp testGreekValues (Haug): gamma 0.0278 and vega 18.9358 for S=55, K=60, q=0, r=10 %, T=0.75, σ=30 %. */
  @Test
  void haugGammaAndVega() {
    double t = 0.75;
    double f = forward(55, 0, 0.10, t);
    double growth = Math.exp(0.10 * t);
    for (boolean call : new boolean[] {true, false}) {
      Black76.greeks(f, 60, t, 0.10, 0.30, call, r);
      assertThat(r.gamma * growth * growth).isCloseTo(0.0278, within(5e-5));
      assertThat(r.vega * 100).isCloseTo(18.9358, within(5e-4));
    }
  }

  /** QuantLib europeanoption.cpp testGreekValues (Haug): call rho 38.7325 for S=72, K=75, q=0, r=9 %, T=1, σ=19 %. */
  @Test
  void haugCallRhoWithSpotHeld() {
    double f = forward(72, 0, 0.09, 1.0);
    Black76.greeks(f, 75, 1.0, 0.09, 0.19, true, r);
    double spotRho = 100 * r.rho + 1.0 * f * r.delta;
    assertThat(spotRho).isCloseTo(38.7325, within(5e-4));
    // forward held, rho is exactly −T·V/100 (docs/pricing.md)
    assertThat(r.rho).isEqualTo(-1.0 * Black76.price(f, 75, 1.0, 0.19, 0.09, true) / 100);
  }
}
