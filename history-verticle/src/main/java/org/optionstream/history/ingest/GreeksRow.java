package org.optionstream.history.ingest;

/**
 * One row of the {@code greeks} table: a {@code greeks_update} as the writer thread stores it. Mutable and
 * reused for every update (the writer thread owns one), so parsing allocates only the strings. Units are
 * those of {@code greeks_update}: prices in rupees, strike, forward and underlying in index points, IV a
 * fraction, theta per calendar day, vega per vol point, rho per 1 % of rate, time to expiry in years.
 * An absent number is NaN (doubles) or {@link #NO_LONG} (longs): QuestDB's null.
 */
public final class GreeksRow {

  /** QuestDB's null for LONG columns. */
  public static final long NO_LONG = Long.MIN_VALUE;

  public long exchangeTimeMs;
  public String instrumentKey;
  public String symbol;
  public String expiry;
  public double strike;
  public String type;
  public double price;
  public double bid;
  public double ask;
  public double oi;
  public double oiChange;
  public long volume;
  public double iv;
  public String ivStatus;
  public double delta;
  public double gamma;
  public double theta;
  public double vega;
  public double rho;
  public double forward;
  public double underlyingPrice;
  public double timeToExpiry;
  public double rate;
  public long sequence;

  /** Back to "nothing known", before the next update is parsed into it. */
  public GreeksRow clear() {
    exchangeTimeMs = NO_LONG;
    instrumentKey = symbol = expiry = type = ivStatus = null;
    strike = price = bid = ask = oi = oiChange = iv = Double.NaN;
    delta = gamma = theta = vega = rho = forward = underlyingPrice = timeToExpiry = rate = Double.NaN;
    volume = sequence = NO_LONG;
    return this;
  }
}
