package org.optionstream.pcr.surface;

import java.util.Map;
import java.util.NavigableMap;

/**
 * ATM IV at the forward: the smile IVs ({@link SmileIv#atStrike}) of the two listed strikes around the
 * forward F, K₁ ≤ F < K₂ (nearest ones with a smile IV), interpolated linearly in strike:
 * σ_ATM = σ₁ + (F − K₁)/(K₂ − K₁) · (σ₂ − σ₁); σ₁ when F is a listed strike. NaN without a strike on each side.
 */
public final class AtmVolatility {

  private AtmVolatility() {
  }

  public static double at(NavigableMap<Double, ChainBook.Strike> strikes, double forward) {
    if (!(forward > 0)) {
      return Double.NaN;
    }
    double k1 = Double.NaN;
    double iv1 = Double.NaN;
    for (Map.Entry<Double, ChainBook.Strike> e : strikes.headMap(forward, true).descendingMap().entrySet()) {
      double iv = SmileIv.atStrike(e.getKey(), e.getValue(), forward);
      if (Double.isFinite(iv)) {
        k1 = e.getKey();
        iv1 = iv;
        break;
      }
    }
    if (k1 == forward) {
      return iv1;
    }
    for (Map.Entry<Double, ChainBook.Strike> e : strikes.tailMap(forward, false).entrySet()) {
      double iv = SmileIv.atStrike(e.getKey(), e.getValue(), forward);
      if (Double.isFinite(iv)) {
        return Double.isNaN(k1) ? Double.NaN : iv1 + (forward - k1) / (e.getKey() - k1) * (iv - iv1);
      }
    }
    return Double.NaN;
  }
}
