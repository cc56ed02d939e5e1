package org.optionstream.feed.plan;

import java.util.List;
import java.util.Map;

/**
 * What to send to move the socket from one plan to another: keys to unsubscribe, keys to
 * subscribe per mode, keys already subscribed whose mode changes.
 */
public record PlanDiff(List<String> unsubscribe, Map<Mode, List<String>> subscribe, Map<Mode, List<String>> changeMode) {

  public boolean isEmpty() {
    return unsubscribe.isEmpty() && subscribe.isEmpty() && changeMode.isEmpty();
  }
}
