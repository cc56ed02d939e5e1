package org.optionstream.pcr.aggregate;

import org.optionstream.common.time.IstTime;

/**
 * One underlying and one expiry: the unit the PCR is computed, published and led for.
 *
 * @param symbol          the underlying's symbol, e.g. {@code NIFTY}
 * @param expiryEpochDay  the expiry date (IST calendar day) as days since 1970-01-01
 */
public record ExpiryKey(String symbol, int expiryEpochDay) {

  /** The expiry as an ISO date, e.g. {@code 2025-11-27}. */
  public String expiry() {
    return IstTime.date(expiryEpochDay);
  }

  /** {@code NIFTY/2025-11-27}: stable across processes, used in lock names and logs. */
  @Override
  public String toString() {
    return symbol + "/" + expiry();
  }
}
