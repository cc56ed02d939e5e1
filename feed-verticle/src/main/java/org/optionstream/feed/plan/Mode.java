package org.optionstream.feed.plan;

/** Upstox V3 subscription modes, with their wire names. */
public enum Mode {
  /** Last price, time, quantity, previous close; no open interest. */
  LTPC("ltpc"),
  /** LTPC, best bid/ask, Upstox greeks, volume, open interest, iv. */
  OPTION_GREEKS("option_greeks"),
  /** LTPC, 5-level depth, greeks, OHLC, volume, open interest (index keys: LTPC + OHLC). */
  FULL("full");

  private final String wire;

  Mode(String wire) {
    this.wire = wire;
  }

  /** The {@code data.mode} value of a subscription request. */
  public String wire() {
    return wire;
  }
}
