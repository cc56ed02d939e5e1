package org.optionstream.history.rollup;

import org.optionstream.history.ingest.GreeksRow;

/**
 * One row of the {@code greeks_1m} table: one instrument's {@code greeks} rows of one minute, folded the way
 * {@code SAMPLE BY 1m} folds them: the first, highest, lowest and last price and IV, the last value of every
 * other field (first and last by exchange time; highest and lowest skip NaN, as QuestDB's {@code max} and
 * {@code min} skip null). Units as in {@link GreeksRow}. Mutable: the rollup folds rows into it in place.
 */
public final class GreeksMinute {

  /** The minute's start, epoch ms: the row's designated timestamp. */
  public long minuteMs;
  public String instrumentKey;
  public String symbol;
  public String expiry;
  public double priceOpen;
  public double priceHigh;
  public double priceLow;
  public double price;
  public double ivOpen;
  public double ivHigh;
  public double ivLow;
  public double iv;
  public double bid;
  public double ask;
  public double delta;
  public double gamma;
  public double theta;
  public double vega;
  public double rho;
  public double oi;
  public long volume;
  public double forward;
  public double underlyingPrice;
  /** How many {@code greeks} rows the minute folds. */
  public long rows;

  private long firstTimeMs;
  private long lastTimeMs;

  GreeksMinute(long minuteMs, GreeksRow first) {
    this.minuteMs = minuteMs;
    this.instrumentKey = first.instrumentKey;
    this.symbol = first.symbol;
    this.expiry = first.expiry;
    this.priceHigh = Double.NaN;
    this.priceLow = Double.NaN;
    this.ivHigh = Double.NaN;
    this.ivLow = Double.NaN;
    this.firstTimeMs = Long.MAX_VALUE;
    this.lastTimeMs = Long.MIN_VALUE;
    fold(first);
  }

  /** Adds one row of this instrument and minute. */
  void fold(GreeksRow r) {
    rows++;
    priceHigh = max(priceHigh, r.price);
    priceLow = min(priceLow, r.price);
    ivHigh = max(ivHigh, r.iv);
    ivLow = min(ivLow, r.iv);
    if (r.exchangeTimeMs < firstTimeMs) {
      firstTimeMs = r.exchangeTimeMs;
      priceOpen = r.price;
      ivOpen = r.iv;
    }
    if (r.exchangeTimeMs >= lastTimeMs) {
      lastTimeMs = r.exchangeTimeMs;
      price = r.price;
      iv = r.iv;
      bid = r.bid;
      ask = r.ask;
      delta = r.delta;
      gamma = r.gamma;
      theta = r.theta;
      vega = r.vega;
      rho = r.rho;
      oi = r.oi;
      volume = r.volume;
      forward = r.forward;
      underlyingPrice = r.underlyingPrice;
    }
  }

  private static double max(double a, double b) {
    return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
  }

  private static double min(double a, double b) {
    return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.min(a, b);
  }
}
