package org.optionstream.greeks.outbound;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.optionstream.common.vertx.EventBusOutbound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether greeks may price and publish its next slice: not while another member's event-bus connection is full.
 * A member that reads slowly then holds greeks back, and its ticks wait in the conflating intake (the newest per
 * instrument) instead of piling up as unsent updates in greeks' heap. A member whose connection stays full for
 * longer than {@code hungAfterNanos} counts as hung and is no longer waited for (the event bus's ping closes its
 * connection within seconds), so one hung member holds the others' updates back for that long at most. Confined
 * to its verticle's context.
 */
public final class PublishGate {

  private static final Logger LOG = LoggerFactory.getLogger(PublishGate.class);

  private final Consumer<Collection<String>> fullMembers;
  private final long hungAfterNanos;
  private final LongSupplier nanoClock;
  private final List<String> full = new ArrayList<>();
  /** Members whose connection is full, and since when (nanoTime). */
  private final Map<String, Long> fullSince = new HashMap<>();
  /** Members logged as hung while their connection stays full. */
  private final Set<String> reportedHung = new HashSet<>();

  /** A gate on {@code outbound}'s connections; see {@link #PublishGate(Consumer, long, LongSupplier)}. */
  public PublishGate(EventBusOutbound outbound, long hungAfterNanos, LongSupplier nanoClock) {
    this(outbound::fullMembers, hungAfterNanos, nanoClock);
  }

  /**
   * @param fullMembers    adds the members whose connection is full now to the collection it is given
   * @param hungAfterNanos how long a member's connection may stay full before it is no longer waited for, ns
   */
  public PublishGate(Consumer<Collection<String>> fullMembers, long hungAfterNanos, LongSupplier nanoClock) {
    this.fullMembers = fullMembers;
    this.hungAfterNanos = hungAfterNanos;
    this.nanoClock = nanoClock;
  }

  /** True when no member that is still waited for has a full connection. */
  public boolean open() {
    full.clear();
    fullMembers.accept(full);
    if (full.isEmpty()) {
      if (!fullSince.isEmpty()) {
        fullSince.clear();
        reportedHung.clear();
      }
      return true;
    }
    fullSince.keySet().retainAll(full);
    reportedHung.retainAll(full);
    long now = nanoClock.getAsLong();
    boolean open = true;
    for (String member : full) {
      long since = fullSince.computeIfAbsent(member, m -> now);
      if (now - since < hungAfterNanos) {
        open = false;
      } else if (reportedHung.add(member)) {
        LOG.warn("member {} has not read its updates for {} ms: no longer waiting for it", member,
            (now - since) / 1_000_000);
      }
    }
    return open;
  }
}
