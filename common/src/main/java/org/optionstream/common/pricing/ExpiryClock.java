package org.optionstream.common.pricing;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.optionstream.common.time.IstTime;

/**
 * The time-to-expiry convention of every number this system publishes ({@code docs/pricing.md}):
 * years on a 365-day calendar basis, to the second, from an exchange timestamp to 15:30 IST (the NSE
 * close) on the expiry date. The expiry date always comes from the contract master, never from a
 * weekday rule.
 */
public final class ExpiryClock {

  /** Seconds in the 365-day year the convention counts in. */
  public static final double SECONDS_PER_YEAR = 365.0 * 24 * 60 * 60;
  /** NSE's close, the moment an option of that date expires. */
  public static final LocalTime EXPIRY_TIME_IST = LocalTime.of(15, 30);

  private static final ZoneOffset IST = IstTime.IST_OFFSET;

  private ExpiryClock() {
  }

  /** Epoch milliseconds of 15:30 IST on the expiry date given as an epoch day. */
  public static long expiryInstantMillis(int expiryEpochDay) {
    return LocalDate.ofEpochDay(expiryEpochDay).atTime(EXPIRY_TIME_IST).toEpochSecond(IST) * 1000L;
  }

  /**
   * Years (365-day basis) from {@code exchangeTimeMillis} to {@code expiryInstantMillis}, truncated
   * to whole seconds; zero or negative once expired.
   */
  public static double yearsToExpiry(long exchangeTimeMillis, long expiryInstantMillis) {
    long seconds = Math.floorDiv(expiryInstantMillis, 1000L) - Math.floorDiv(exchangeTimeMillis, 1000L);
    return seconds / SECONDS_PER_YEAR;
  }
}
