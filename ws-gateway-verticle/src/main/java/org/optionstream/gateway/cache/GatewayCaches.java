package org.optionstream.gateway.cache;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Everything a gateway knows: newest Greeks per instrument, newest PCR, OI-by-strike and chain analytics
 * per underlying and expiry, the latest feed status and cluster membership. Filled from the cluster's publications
 * and from snapshot replies; every accepted change is handed to {@code onChange} (the fan-out).
 * Event-loop confined.
 */
public final class GatewayCaches {

  private final LatestCache greeks = new LatestCache(false);
  private final LatestCache pcr = new LatestCache(true);
  private final LatestCache oiByStrike = new LatestCache(true);
  private final LatestCache analytics = new LatestCache(true);
  private Frame feedStatus;
  private Frame clusterStatus;
  private final Consumer<Frame> onChange;
  private long version;

  public GatewayCaches(Consumer<Frame> onChange) {
    this.onChange = onChange;
  }

  /** Stores {@code frame} when it is newer than what is held and passes it on; true when stored. */
  public boolean accept(Frame frame) {
    if (frame == null) {
      return false;
    }
    boolean stored = switch (frame.kind()) {
      case GREEKS -> greeks.offer(frame);
      case PCR -> pcr.offer(frame);
      case OI_BY_STRIKE -> oiByStrike.offer(frame);
      case ANALYTICS -> analytics.offer(frame);
      case FEED_STATUS -> {
        feedStatus = frame;
        yield true;
      }
      case CLUSTER_STATUS -> {
        clusterStatus = frame;
        yield true;
      }
    };
    if (stored) {
      frame.assignVersion(++version);
      onChange.accept(frame);
    }
    return stored;
  }

  /** Version of the newest accepted frame: a snapshot taken now contains everything up to it. */
  public long version() {
    return version;
  }

  public Frame greeks(String instrumentKey) {
    return greeks.get(instrumentKey);
  }

  public Frame feedStatus() {
    return feedStatus;
  }

  public Frame clusterStatus() {
    return clusterStatus;
  }

  public int greeksCount() {
    return greeks.size();
  }

  /** Every held frame of {@code kind} that {@code filter} accepts. */
  public List<Frame> frames(Frame.Kind kind, Predicate<Frame> filter) {
    Collection<Frame> source = switch (kind) {
      case GREEKS -> greeks.values();
      case PCR -> pcr.values();
      case OI_BY_STRIKE -> oiByStrike.values();
      case ANALYTICS -> analytics.values();
      case FEED_STATUS -> feedStatus == null ? List.of() : List.of(feedStatus);
      case CLUSTER_STATUS -> clusterStatus == null ? List.of() : List.of(clusterStatus);
    };
    List<Frame> out = new ArrayList<>(source.size());
    for (Frame f : source) {
      if (filter.test(f)) {
        out.add(f);
      }
    }
    return out;
  }
}
