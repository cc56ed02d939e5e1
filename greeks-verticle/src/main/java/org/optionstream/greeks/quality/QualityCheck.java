package org.optionstream.greeks.quality;

import org.optionstream.common.json.QualityFlag;
import org.optionstream.common.pricing.IvStatus;

/**
 * The quality flags of one priced option, from the same inputs its {@code greeks_update} publishes, so a
 * consumer can recompute them. Pure and allocation-free; the definitions are in {@code docs/event-bus.md}.
 */
public final class QualityCheck {

  private final QualityThresholds thresholds;

  public QualityCheck(QualityThresholds thresholds) {
    this.thresholds = thresholds;
  }

  /**
   * The {@link QualityFlag} mask.
   *
   * @param price           last traded price, rupees (0 when none)
   * @param bid             best bid, rupees (≤ 0 or NaN when none)
   * @param ask             best ask, rupees (≤ 0 or NaN when none)
   * @param volume          quantity traded today
   * @param exchangeTimeMs  the update's exchange time, epoch ms
   * @param lastTradeTimeMs the last trade's time, epoch ms (≤ 0 when unknown: never stale)
   * @param years           time to expiry T, years
   * @param forward         F, index points (NaN when unknown)
   * @param strike          K, index points
   * @param call            CE or PE
   * @param status          the IV solve's outcome
   */
  public int flags(double price, double bid, double ask, long volume, long exchangeTimeMs, long lastTradeTimeMs,
                   double years, double forward, double strike, boolean call, IvStatus status) {
    int flags = 0;
    boolean twoSided = bid > 0 && ask >= bid;
    if (twoSided && lastTradeTimeMs > 0 && exchangeTimeMs - lastTradeTimeMs > thresholds.staleTradeMs()) {
      flags |= QualityFlag.STALE_TRADE.bit();
    }
    if (twoSided && (ask - bid) / (0.5 * (bid + ask)) > thresholds.maxSpreadFraction()) {
      flags |= QualityFlag.WIDE_SPREAD.bit();
    }
    if (volume == 0) {
      flags |= QualityFlag.NO_TRADE_TODAY.bit();
    }
    if (twoSided && price > 0 && (price < bid || price > ask)) {
      flags |= QualityFlag.PRICE_OUTSIDE_QUOTE.bit();
    }
    if (years < thresholds.nearExpiryYears()) {
      flags |= QualityFlag.NEAR_EXPIRY.bit();
    }
    if (status == IvStatus.OK && (call ? forward > strike : strike > forward)) {
      flags |= QualityFlag.IV_FROM_OTM_SIDE.bit();
    }
    return flags;
  }
}
