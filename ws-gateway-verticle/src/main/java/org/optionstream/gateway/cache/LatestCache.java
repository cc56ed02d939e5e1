package org.optionstream.gateway.cache;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.optionstream.common.UpdateOrder;

/**
 * The newest frame per key of one kind. Greeks keep the newest by (exchange time, sequence) as every
 * consumer does; per-expiry aggregates (PCR, OI by strike) carry no sequence, so a frame with the same
 * exchange time as the held one replaces it (a recomputation over the same ticks). Event-loop confined.
 */
public final class LatestCache {

  private final Map<String, Frame> byKey = new HashMap<>();
  private final boolean sameTimeReplaces;

  /** @param sameTimeReplaces whether a frame with equal (exchange time, sequence) replaces the held one */
  public LatestCache(boolean sameTimeReplaces) {
    this.sameTimeReplaces = sameTimeReplaces;
  }

  /** Stores {@code frame} unless an equal-or-newer one is held; true when stored. */
  public boolean offer(Frame frame) {
    Frame held = byKey.get(frame.key());
    if (held != null) {
      boolean newer = UpdateOrder.isNewer(frame.exchangeTimeMs(), frame.sequence(), held.exchangeTimeMs(),
          held.sequence());
      boolean same = frame.exchangeTimeMs() == held.exchangeTimeMs() && frame.sequence() == held.sequence();
      if (!newer && !(same && sameTimeReplaces)) {
        return false;
      }
    }
    byKey.put(frame.key(), frame);
    return true;
  }

  public Frame get(String key) {
    return byKey.get(key);
  }

  public Collection<Frame> values() {
    return Collections.unmodifiableCollection(byKey.values());
  }

  public int size() {
    return byKey.size();
  }
}
