package org.optionstream.feed;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.optionstream.common.json.FeedStatus;
import org.optionstream.upstox.proto.FeedResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which subscribed keys never got any data. Upstox ignores keys past its per-connection limits silently,
 * and sends a snapshot of every key it does serve at once, so a key with nothing at all
 * {@code FEED_UNSEEN_AFTER_MS} after it was subscribed is reported: counted in {@code feed.status}'s
 * {@code unseenKeys} (with the first few), and warned about once per key. Costs one map lookup per feed
 * only while some key is still waiting. Event-loop confined.
 */
final class UnseenKeyWatch {

  private static final Logger LOG = LoggerFactory.getLogger(UnseenKeyWatch.class);
  /** How many unseen keys {@code feed.status} names. */
  static final int SAMPLE_SIZE = 5;

  private final long afterMs;
  /** Subscribed key → when, epoch ms; a key leaves on its first data. */
  private final Map<String, Long> waiting = new LinkedHashMap<>();
  private final Set<String> warned = new HashSet<>();
  private FeedStatus.UnseenKeys unseen = FeedStatus.UnseenKeys.NONE;

  UnseenKeyWatch(long afterMs) {
    this.afterMs = afterMs;
  }

  /** The socket now carries {@code keys} (it carried {@code before}): new keys start waiting at {@code nowMs}. */
  void onSocketKeys(Set<String> before, Set<String> keys, long nowMs) {
    waiting.keySet().retainAll(keys);
    for (String key : keys) {
      if (!before.contains(key)) {
        waiting.put(key, nowMs);
      }
    }
  }

  /** The socket is gone: nothing waits; the next subscribe starts again. */
  void clear() {
    waiting.clear();
  }

  /** Every key of {@code frame} has now been seen. */
  void onFrame(FeedResponse frame) {
    if (!waiting.isEmpty() && frame.getFeedsCount() > 0) {
      for (String key : frame.getFeedsMap().keySet()) {
        waiting.remove(key);
      }
    }
  }

  /** The keys waiting longer than the threshold at {@code nowMs}; warns once about each new one. */
  FeedStatus.UnseenKeys check(long nowMs) {
    int count = 0;
    List<String> sample = new ArrayList<>(SAMPLE_SIZE);
    for (Map.Entry<String, Long> e : waiting.entrySet()) {
      if (nowMs - e.getValue() >= afterMs) {
        count++;
        if (sample.size() < SAMPLE_SIZE) {
          sample.add(e.getKey());
        }
        if (warned.add(e.getKey())) {
          LOG.warn("no data for {} in the {} ms since it was subscribed: Upstox may be ignoring it (per-connection key"
              + " limits are silent) or it does not trade", e.getKey(), nowMs - e.getValue());
        }
      }
    }
    if (count != unseen.count() || !sample.equals(unseen.sample())) {
      unseen = count == 0 ? FeedStatus.UnseenKeys.NONE : new FeedStatus.UnseenKeys(count, sample);
    }
    return unseen;
  }

  /** The last {@link #check} result. */
  FeedStatus.UnseenKeys unseen() {
    return unseen;
  }
}
