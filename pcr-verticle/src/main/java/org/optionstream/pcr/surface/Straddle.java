package org.optionstream.pcr.surface;

import java.util.Map;
import java.util.NavigableMap;
import org.optionstream.common.json.GreeksUpdate;

/**
 * The ATM straddle: at the listed strike nearest the forward among those whose CE and PE both have a price
 * (the mid of a two-sided quote, else the last trade), the CE plus the PE price, rupees = index points. It is
 * what the market charges for the move to expiry, so the implied move is the straddle itself in points and
 * 100 × straddle / index price in percent; the break-evens are strike ∓ straddle.
 *
 * @param strike the straddle's strike, index points
 * @param call   the CE's price, rupees
 * @param put    the PE's price, rupees
 */
public record Straddle(double strike, double call, double put) {

  public double price() {
    return call + put;
  }

  /** Implied move to expiry, index points. */
  public double impliedMovePoints() {
    return price();
  }

  /** Implied move to expiry, percent of {@code indexPrice}. */
  public double impliedMovePercent(double indexPrice) {
    return 100 * price() / indexPrice;
  }

  /** The straddle nearest {@code forward}, or null. */
  public static Straddle nearest(NavigableMap<Double, ChainBook.Strike> strikes, double forward) {
    Straddle best = null;
    for (Map.Entry<Double, ChainBook.Strike> e : strikes.entrySet()) {
      double c = price(e.getValue().call());
      double p = price(e.getValue().put());
      if (c > 0 && p > 0 && (best == null || Math.abs(e.getKey() - forward) < Math.abs(best.strike - forward))) {
        best = new Straddle(e.getKey(), c, p);
      }
    }
    return best;
  }

  /** The mid of a two-sided quote (bid > 0, ask ≥ bid), else the last trade, else 0. */
  public static double price(GreeksUpdate u) {
    if (u == null) {
      return 0;
    }
    if (u.bid() > 0 && u.ask() >= u.bid()) {
      return 0.5 * (u.bid() + u.ask());
    }
    return u.price() > 0 ? u.price() : 0;
  }
}
