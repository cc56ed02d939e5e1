package org.optionstream.feed.upstox;

import java.util.Collection;
import java.util.Map;
import org.optionstream.upstox.proto.MarketStatus;

/**
 * The exchange segments' status as Upstox's last {@code market_info} frame announced it. A segment
 * not (yet) announced counts as open: without news the feed expects data.
 */
public final class MarketSegments {

  private Map<String, MarketStatus> status = Map.of();

  /** Replaces what is known with {@code segmentStatus} (segment, e.g. {@code NSE_FO} → status). */
  public void update(Map<String, MarketStatus> segmentStatus) {
    status = Map.copyOf(segmentStatus);
  }

  /**
   * True when the segment of at least one of {@code instrumentKeys} ({@code SEGMENT|id}) is in its
   * normal session or not announced.
   */
  public boolean anyOpen(Collection<String> instrumentKeys) {
    for (String key : instrumentKeys) {
      int bar = key.indexOf('|');
      MarketStatus s = status.get(bar < 0 ? key : key.substring(0, bar));
      if (s == null || s == MarketStatus.NORMAL_OPEN) {
        return true;
      }
    }
    return false;
  }
}
