package org.optionstream.pcr.aggregate;

/** What one tick did to an {@link ExpiryBook}. */
public enum TickOutcome {
  /** A figure changed (OI, volume, previous OI, the window or the ATM strike). */
  CHANGED,
  /** The tick was the newest for its instrument but carried the same figures. */
  UNCHANGED,
  /** Older than (or as old as) what is held for its instrument: ignored. */
  STALE
}
