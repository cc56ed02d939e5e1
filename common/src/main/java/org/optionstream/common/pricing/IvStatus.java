package org.optionstream.common.pricing;

/**
 * Why an implied volatility is or is not present in a {@code greeks_update} ({@code ivStatus}).
 * When the status is not {@link #OK}, {@code iv} and every Greek are {@code null}.
 */
public enum IvStatus {
  /** IV solved; Greeks computed from it. */
  OK,
  /** The option's price is below its discounted intrinsic value: no volatility reproduces it. */
  BELOW_INTRINSIC,
  /** The price is at or above the no-arbitrage maximum (discounted forward for a call, strike for a put). */
  ABOVE_MAX,
  /** The tick's exchange time is at or after 15:30 IST on expiry day. */
  EXPIRED,
  /** No usable underlying price or forward. */
  NO_UNDERLYING,
  /** No positive option price (no trade yet, or a zero last price). */
  NO_PRICE
}
