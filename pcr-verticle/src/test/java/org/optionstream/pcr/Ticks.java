package org.optionstream.pcr;

import org.optionstream.common.tick.InstrumentKind;
import org.optionstream.common.tick.Tick;
import org.optionstream.common.tick.TickBatch;
import org.optionstream.common.time.IstTime;

/** Builds the ticks the tests feed: NIFTY, expiry 2025-11-27, strike step 100. */
public final class Ticks {

  public static final String SYMBOL = "NIFTY";
  public static final String EXPIRY = "2025-11-27";
  public static final int EXPIRY_DAY = IstTime.epochDay(EXPIRY);
  /** 2025-11-20T09:15:00+05:30 */
  public static final long T0 = 1_763_610_300_000L;

  private Ticks() {
  }

  /** The ticks as the feed batches one frame's: one market.ticks.batch message. */
  public static TickBatch batch(Tick... ticks) {
    return TickBatch.newBuilder().addAllTicks(java.util.List.of(ticks)).build();
  }

  public static String key(boolean call, double strike) {
    return "NSE_FO|" + (call ? "CE" : "PE") + (long) strike;
  }

  /** A tick with the window [low, high] around atm; prevOi NaN = not carried. */
  public static Tick option(boolean call, double strike, long timeMs, long seq, double oi, long volume,
      double prevOi, double atm, double low, double high) {
    Tick.Builder b = Tick.newBuilder()
        .setInstrumentKey(key(call, strike))
        .setSymbol(SYMBOL)
        .setKind(call ? InstrumentKind.CALL : InstrumentKind.PUT)
        .setStrike(strike)
        .setExpiryEpochDay(EXPIRY_DAY)
        .setLastPrice(100)
        .setExchangeTimeMs(timeMs)
        .setSequence(seq)
        .setOpenInterest(oi)
        .setVolume(volume)
        .setUnderlyingPrice(atm + 3)
        .setAtmStrike(atm)
        .setWindowLowStrike(low)
        .setWindowHighStrike(high)
        .setStrikeStep(100)
        .setLotSize(75);
    if (!Double.isNaN(prevOi)) {
      b.setPrevOpenInterest(prevOi);
    }
    return b.build();
  }

  public static Tick ce(double strike, long timeMs, long seq, double oi, long volume, double prevOi) {
    return option(true, strike, timeMs, seq, oi, volume, prevOi, 23500, 23400, 23600);
  }

  public static Tick pe(double strike, long timeMs, long seq, double oi, long volume, double prevOi) {
    return option(false, strike, timeMs, seq, oi, volume, prevOi, 23500, 23400, 23600);
  }

  public static Tick index(long timeMs, double price) {
    return Tick.newBuilder()
        .setInstrumentKey("NSE_INDEX|Nifty 50")
        .setSymbol(SYMBOL)
        .setKind(InstrumentKind.INDEX)
        .setLastPrice(price)
        .setExchangeTimeMs(timeMs)
        .setSequence(1)
        .build();
  }
}
