package org.optionstream.pcr.aggregate;

/** The CE and PE legs listed at one strike of one expiry (either may be absent). */
final class StrikeRow {

  final double strike;
  Leg ce;
  Leg pe;

  StrikeRow(double strike) {
    this.strike = strike;
  }

  StrikeOi view() {
    return new StrikeOi(strike,
        ce != null, ce == null ? Double.NaN : ce.oi, ce == null ? Double.NaN : ce.oiChange(),
        ce == null ? 0 : ce.volume,
        pe != null, pe == null ? Double.NaN : pe.oi, pe == null ? Double.NaN : pe.oiChange(),
        pe == null ? 0 : pe.volume);
  }
}
