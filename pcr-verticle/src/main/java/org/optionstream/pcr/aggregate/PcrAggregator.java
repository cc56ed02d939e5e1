package org.optionstream.pcr.aggregate;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.optionstream.common.tick.InstrumentKind;
import org.optionstream.common.tick.Tick;

/**
 * Routes ticks to the {@link ExpiryBook} of their underlying and expiry, creating books as new
 * expiries appear. INDEX ticks and ticks without a usable strike, expiry or OI are not for PCR and
 * are left out. Not thread-safe: one event loop owns it.
 */
public final class PcrAggregator {

  private final Map<ExpiryKey, ExpiryBook> books = new HashMap<>();
  private ExpiryBook last;

  /** True when the tick is a CE or PE with a strike, an expiry and a finite, non-negative OI. */
  public static boolean accepts(Tick tick) {
    InstrumentKind kind = tick.getKind();
    return (kind == InstrumentKind.CALL || kind == InstrumentKind.PUT)
        && tick.getExpiryEpochDay() > 0
        && tick.getStrike() > 0 && Double.isFinite(tick.getStrike())
        && tick.getOpenInterest() >= 0 && Double.isFinite(tick.getOpenInterest())
        && tick.getVolume() >= 0
        && !tick.getSymbol().isEmpty()
        && !tick.getInstrumentKey().isEmpty();
  }

  /** The book the tick went to, or null when the tick is not for PCR ({@link #accepts}). */
  public ExpiryBook bookFor(Tick tick) {
    if (!accepts(tick)) {
      return null;
    }
    ExpiryBook book = last;
    if (book == null || book.key().expiryEpochDay() != tick.getExpiryEpochDay()
        || !book.key().symbol().equals(tick.getSymbol())) {
      book = books.computeIfAbsent(new ExpiryKey(tick.getSymbol(), tick.getExpiryEpochDay()), ExpiryBook::new);
      last = book;
    }
    return book;
  }

  public ExpiryBook book(ExpiryKey key) {
    return books.get(key);
  }

  public Collection<ExpiryBook> books() {
    return Collections.unmodifiableCollection(books.values());
  }
}
