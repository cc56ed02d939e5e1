package org.optionstream.gateway.fanout;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.optionstream.gateway.cache.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connected client's flow control. A frame is written straight away while fewer than
 * {@code maxInflightBytes} are written but not yet taken by the client's socket; otherwise it waits in
 * a backlog that keeps only the newest frame per instrument (conflation), so nothing stale is queued
 * and the backlog never holds more entries than there are instruments. Frames are shared, so a backlog
 * holds references only. A client whose backlog has not emptied for {@code closeAfterMs} is closed.
 * Event-loop confined.
 */
public final class ClientSession {

  private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);

  private final ClientSink sink;
  private final Predicate<Frame> filter;
  private final long maxInflightBytes;
  private final long closeAfterMs;
  private final FanoutMeters meters;
  private final LinkedHashMap<String, Frame> backlog = new LinkedHashMap<>();
  private final long[] snapshotVersion = new long[Frame.Kind.values().length];
  private String chainKey;
  private long inflightBytes;
  private long behindSinceMs = -1;
  private boolean closed;

  public ClientSession(ClientSink sink, Predicate<Frame> filter, long maxInflightBytes, long closeAfterMs,
      FanoutMeters meters) {
    this.sink = sink;
    this.filter = filter;
    this.maxInflightBytes = maxInflightBytes;
    this.closeAfterMs = closeAfterMs;
    this.meters = meters;
  }

  /** Whether this open client takes {@code frame} (its kind and filter). */
  public boolean wants(Frame frame) {
    return !closed && filter.test(frame);
  }

  /** Delivers {@code frame} if this client wants it: now, or conflated into the backlog. */
  public void offer(Frame frame, long nowMs) {
    if (closed || !filter.test(frame)) {
      return;
    }
    if (backlog.isEmpty() && inflightBytes < maxInflightBytes) {
      write(frame);
      return;
    }
    if (backlog.put(frame.conflationKey(), frame) != null) {
      meters.conflated();
    }
    if (behindSinceMs < 0) {
      behindSinceMs = nowMs;
    }
  }

  /**
   * The one option chain ("SYMBOL|expiry") this client's filter can accept chain frames of, or null when
   * it may accept several; lets the fan-out offer each client only its chain's frames (status frames,
   * which belong to no chain, are offered to every client).
   */
  public void chainKey(String key) {
    this.chainKey = key;
  }

  public String chainKey() {
    return chainKey;
  }

  /**
   * Records that the client has been given the cache's current state of {@code kind} up to
   * {@code version}: live frames of that kind that are not newer are skipped as duplicates.
   */
  public void markSnapshot(Frame.Kind kind, long version) {
    snapshotVersion[kind.ordinal()] = version;
  }

  /** Like {@link #offer}, for frames from the live flow: skips what the client's snapshot already held. */
  public void offerLive(Frame frame, long nowMs) {
    if (frame.version() > snapshotVersion[frame.kind().ordinal()]) {
      offer(frame, nowMs);
    }
  }

  /** Sends what the offers since the last flush wrote (one system call for a whole fan-out pass). */
  public void flush() {
    if (!closed) {
      sink.flush();
    }
  }

  /** Closes the client when it has stayed behind longer than allowed; true when it was closed. */
  public boolean closeIfStuck(long nowMs) {
    if (closed || behindSinceMs < 0 || nowMs - behindSinceMs <= closeAfterMs) {
      return false;
    }
    long behindMs = nowMs - behindSinceMs;
    LOG.info("closing slow client {}: behind for {} ms with {} instruments waiting", sink.describe(), behindMs,
        backlog.size());
    meters.slowClosed();
    markClosed();
    sink.closeSlow("too slow: behind for " + behindMs + " ms");
    return true;
  }

  /** Forgets everything held for this client (its socket closed). */
  public void markClosed() {
    closed = true;
    backlog.clear();
  }

  public boolean isClosed() {
    return closed;
  }

  /** Frames waiting in the backlog (at most one per instrument). */
  public int backlogSize() {
    return backlog.size();
  }

  public long inflightBytes() {
    return inflightBytes;
  }

  private void write(Frame frame) {
    int bytes = sink.size(frame);
    inflightBytes += bytes;
    sink.write(frame).onComplete(ar -> {
      inflightBytes -= bytes;
      if (ar.failed()) {
        markClosed();
      } else {
        drain();
      }
    });
  }

  private void drain() {
    boolean wrote = false;
    Iterator<Map.Entry<String, Frame>> it = backlog.entrySet().iterator();
    while (!closed && inflightBytes < maxInflightBytes && it.hasNext()) {
      Frame next = it.next().getValue();
      it.remove();
      write(next);
      wrote = true;
    }
    if (backlog.isEmpty()) {
      behindSinceMs = -1;
    }
    if (wrote) {
      flush();
    }
  }
}
