package org.optionstream.pcr.aggregate;

/**
 * Running sums over a set of legs (the window, or every tracked strike), kept by adding a leg's
 * contribution and later subtracting exactly the same contribution: O(1) per tick. Open interest
 * and its change are sums of whole numbers as Upstox reports them, so these sums are exact (doubles
 * hold integers exactly up to 2^53).
 */
final class OiTotals {

  double ceOi;
  double peOi;
  long ceVolume;
  long peVolume;
  /** Sum of (OI - previous OI) over the CE legs whose previous OI is known. */
  double ceOiChange;
  double peOiChange;
  /** How many CE legs have a known previous OI (their change is in {@link #ceOiChange}). */
  int ceWithPrevOi;
  int peWithPrevOi;
  int ceLegs;
  int peLegs;

  void add(Leg leg) {
    if (leg.call) {
      ceOi += leg.oi;
      ceVolume += leg.volume;
      ceLegs++;
      if (leg.hasPrevOi()) {
        ceOiChange += leg.oiChange();
        ceWithPrevOi++;
      }
    } else {
      peOi += leg.oi;
      peVolume += leg.volume;
      peLegs++;
      if (leg.hasPrevOi()) {
        peOiChange += leg.oiChange();
        peWithPrevOi++;
      }
    }
  }

  void remove(Leg leg) {
    if (leg.call) {
      ceOi -= leg.oi;
      ceVolume -= leg.volume;
      ceLegs--;
      if (leg.hasPrevOi()) {
        ceOiChange -= leg.oiChange();
        ceWithPrevOi--;
      }
    } else {
      peOi -= leg.oi;
      peVolume -= leg.volume;
      peLegs--;
      if (leg.hasPrevOi()) {
        peOiChange -= leg.oiChange();
        peWithPrevOi--;
      }
    }
  }

  void clear() {
    ceOi = 0;
    peOi = 0;
    ceVolume = 0;
    peVolume = 0;
    ceOiChange = 0;
    peOiChange = 0;
    ceWithPrevOi = 0;
    peWithPrevOi = 0;
    ceLegs = 0;
    peLegs = 0;
  }

  /** The immutable figures these sums give. */
  PcrTotals view() {
    return PcrTotals.of(ceOi, peOi, ceVolume, peVolume,
        ceWithPrevOi > 0 ? ceOiChange : Double.NaN,
        peWithPrevOi > 0 ? peOiChange : Double.NaN,
        ceLegs, peLegs);
  }
}
