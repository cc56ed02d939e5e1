package org.optionstream.pcr.surface;

import java.util.Map;
import java.util.NavigableMap;
import org.optionstream.common.json.GreeksUpdate;

/**
 * The IV of the call or put whose delta is a given value (25-delta wings): over strikes ascending, the two
 * adjacent strikes whose options' published deltas bracket the target (calls: Δ falls from about DF to 0 as K
 * rises; puts: from 0 to about −DF), the options' IVs ({@link SmileIv#of}) interpolated linearly in delta.
 * Deltas are the published ones (forward deltas, discounted). NaN when no pair of strikes brackets the target,
 * e.g. when the 25-delta strike lies outside the subscribed window.
 */
public final class DeltaWing {

  private DeltaWing() {
  }

  public static double iv(NavigableMap<Double, ChainBook.Strike> strikes, boolean call, double targetDelta) {
    double prevDelta = Double.NaN;
    double prevIv = Double.NaN;
    for (Map.Entry<Double, ChainBook.Strike> e : strikes.entrySet()) {
      GreeksUpdate u = call ? e.getValue().call() : e.getValue().put();
      double delta = u == null ? Double.NaN : u.delta();
      double iv = SmileIv.of(u);
      if (!Double.isFinite(delta) || !Double.isFinite(iv)) {
        continue;
      }
      if (delta == targetDelta) {
        return iv;
      }
      if (Double.isFinite(prevDelta) && (prevDelta - targetDelta) * (delta - targetDelta) < 0) {
        return prevIv + (targetDelta - prevDelta) / (delta - prevDelta) * (iv - prevIv);
      }
      prevDelta = delta;
      prevIv = iv;
    }
    return Double.NaN;
  }
}
