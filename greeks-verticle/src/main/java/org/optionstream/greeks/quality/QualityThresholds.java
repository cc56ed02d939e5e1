package org.optionstream.greeks.quality;

import org.optionstream.common.config.Env;

/**
 * When a quote is flagged (codes in {@link org.optionstream.common.json.QualityFlag}).
 *
 * @param staleTradeMs      {@code QUALITY_STALE_TRADE_SECONDS} (default 60 s), in ms: a last trade older than this
 *                          while a two-sided quote is live is {@code STALE_TRADE}. Near-the-money index options trade
 *                          several times a second, and an index moves about 0.05–0.1 % a minute, which moves an ATM
 *                          option's price by several ticks: a minute-old trade no longer is the market.
 * @param maxSpreadFraction {@code QUALITY_MAX_SPREAD_PCT} (default 10 %), as a fraction: (ask − bid) / mid above it is
 *                          {@code WIDE_SPREAD}. Liquid index options quote within 1–2 % of mid; beyond 10 % the price
 *                          can sit anywhere in a range worth several vol points, the illiquid wings.
 * @param nearExpiryYears   {@code QUALITY_NEAR_EXPIRY_MINUTES} (default 60), in years: less time to expiry is
 *                          {@code NEAR_EXPIRY}. In the last hour σ√T is so small that one ₹0.05 tick moves an ATM
 *                          option's IV by a vol point or more.
 */
public record QualityThresholds(long staleTradeMs, double maxSpreadFraction, double nearExpiryYears) {

  /** Minutes in a year of 365 days (the convention of T). */
  private static final double MINUTES_PER_YEAR = 365.0 * 24 * 60;

  public QualityThresholds {
    if (staleTradeMs < 1 || !(maxSpreadFraction > 0) || !(nearExpiryYears >= 0)) {
      throw new IllegalArgumentException("QUALITY_STALE_TRADE_SECONDS and QUALITY_MAX_SPREAD_PCT must be > 0 and"
          + " QUALITY_NEAR_EXPIRY_MINUTES >= 0, got " + staleTradeMs + " ms, " + maxSpreadFraction + ", " + nearExpiryYears + " y");
    }
  }

  public static QualityThresholds defaults() {
    return from(new Env(java.util.Map.of()));
  }

  public static QualityThresholds from(Env env) {
    return new QualityThresholds(
        Math.round(env.decimal("QUALITY_STALE_TRADE_SECONDS", 60) * 1000),
        env.decimal("QUALITY_MAX_SPREAD_PCT", 10) / 100,
        env.decimal("QUALITY_NEAR_EXPIRY_MINUTES", 60) / MINUTES_PER_YEAR);
  }
}
