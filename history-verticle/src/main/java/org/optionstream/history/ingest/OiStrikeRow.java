package org.optionstream.history.ingest;

/**
 * One row of the {@code oi_by_strike} table: one strike of a {@code pcr.oi-by-strike} publish. Mutable and
 * reused by the writer thread. OI in Upstox's units (contracts' quantity), strikes in index points; an
 * absent number is NaN, an absent volume {@link GreeksRow#NO_LONG}.
 */
public final class OiStrikeRow {

  public long exchangeTimeMs;
  public String symbol;
  public String expiry;
  public double atmStrike;
  public double maxPain;
  public double strike;
  public double ceOi;
  public double peOi;
  public double ceOiChange;
  public double peOiChange;
  public long ceVolume;
  public long peVolume;
}
