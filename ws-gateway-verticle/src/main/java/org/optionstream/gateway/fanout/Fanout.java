package org.optionstream.gateway.fanout;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;
import org.optionstream.gateway.cache.Frame;

/**
 * Local fan-out of one gateway. The gateway consumes each cluster address once; every accepted update
 * lands here, is conflated with the other updates of the same instrument not yet flushed, and is
 * offered to every connected client at the next flush.
 * <ul>
 *   <li>{@code flushIntervalMs == 0} (the default): a flush is queued on the event loop when the first
 *       change arrives, so on an idle loop an update goes out at once, and updates that arrive while
 *       the loop is busy are coalesced into one flush (conflation only under load). A flush starts no
 *       sooner after the previous one ended than that one lasted ({@link #nextFlushDelayNanos}), so
 *       flushing takes at most about half of the loop: with few clients a flush takes microseconds and
 *       the next update still goes out at once; with a thousand, each flush carries the updates of the
 *       time the last one took, instead of the loop spending itself on one flush (one write to every
 *       client) per update;</li>
 *   <li>{@code flushIntervalMs > 0}: flushes run every {@code flushIntervalMs}, so the work per flush is
 *       bounded by (clients x instruments changed) whatever the update rate, at the price of up to one
 *       interval of latency; when a flush takes longer than the interval the next one starts right
 *       after it.</li>
 * </ul>
 * An update replaced before it was flushed counts as conflated once for every client that would have
 * received it ({@code onConflated}). Slow clients are checked every flush interval, or every
 * {@value #HOUSEKEEPING_MS} ms with immediate flushes. Event-loop confined: construct, publish and flush
 * on the gateway verticle's event loop.
 */
public final class Fanout {

  /** How often slow clients are checked when flushes follow changes, milliseconds. */
  static final long HOUSEKEEPING_MS = 250;
  /** A pause shorter than this before the next flush is not worth a timer (which has millisecond steps), ns. */
  static final long SHORTEST_PACING_NANOS = 200_000;

  private final Vertx vertx;
  private final Context context;
  private final long flushIntervalMs;
  private final IntConsumer onConflated;
  private final LongSupplier nanoClock;
  private boolean flushQueued;
  private final LinkedHashMap<String, Frame> changed = new LinkedHashMap<>();
  private final List<ClientSession> sessions = new ArrayList<>();
  private final Map<ClientSession, String> transports = new IdentityHashMap<>();
  /** Clients per transport; read by the metrics scrape, possibly from another thread. */
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private ClientSession[] view = new ClientSession[0];
  private long timerId = -1;
  private boolean stopped;
  /** When the last flush with changes ended, and how long it took ({@code nanoClock}), ns. */
  private long lastFlushEndNanos;
  private long lastFlushNanos;

  /**
   * @param flushIntervalMs 0 = flush as soon as the event loop is free; otherwise the flush period, milliseconds
   * @param onConflated     told how many client deliveries an update replaced before its flush cost
   */
  public Fanout(Vertx vertx, long flushIntervalMs, IntConsumer onConflated) {
    this(vertx, flushIntervalMs, onConflated, System::nanoTime);
  }

  /** As {@link #Fanout(Vertx, long, IntConsumer)}, timing flushes with {@code nanoClock} (tests). */
  Fanout(Vertx vertx, long flushIntervalMs, IntConsumer onConflated, LongSupplier nanoClock) {
    if (flushIntervalMs < 0) {
      throw new IllegalArgumentException("flushIntervalMs must be >= 0, got " + flushIntervalMs);
    }
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.flushIntervalMs = flushIntervalMs;
    this.onConflated = onConflated;
    this.nanoClock = nanoClock;
  }

  /** Starts the flush loop (immediate mode: the slow-client check). */
  public void start() {
    stopped = false;
    schedule(period());
  }

  private long period() {
    return flushIntervalMs > 0 ? flushIntervalMs : HOUSEKEEPING_MS;
  }

  public void stop() {
    stopped = true;
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
  }

  /** Queues {@code frame} for the next flush, replacing an unflushed older frame of the same instrument. */
  public void publish(Frame frame) {
    Frame replaced = changed.put(frame.conflationKey(), frame);
    if (replaced != null) {
      int receivers = 0;
      for (ClientSession session : view) {
        if (session.wants(replaced)) {
          receivers++;
        }
      }
      if (receivers > 0) {
        onConflated.accept(receivers);
      }
    }
    if (flushIntervalMs == 0 && !flushQueued && !stopped) {
      flushQueued = true;
      long delayNanos = nextFlushDelayNanos(nanoClock.getAsLong());
      if (delayNanos < SHORTEST_PACING_NANOS) {
        context.runOnContext(v -> flushQueuedChanges());
      } else {
        vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(delayNanos + 999_999)), id -> flushQueuedChanges());
      }
    }
  }

  /**
   * How long from {@code nowNanos} the next flush (immediate mode) should wait: until as long after the last
   * flush ended as that flush took, so that flushing takes at most about half of the event loop.
   */
  long nextFlushDelayNanos(long nowNanos) {
    return Math.max(0, lastFlushEndNanos + lastFlushNanos - nowNanos);
  }

  private void flushQueuedChanges() {
    flushQueued = false;
    flushChanges(System.currentTimeMillis());
  }

  public void add(ClientSession session, String transport) {
    sessions.add(session);
    transports.put(session, transport);
    counts.computeIfAbsent(transport, t -> new AtomicInteger()).incrementAndGet();
    view = sessions.toArray(new ClientSession[0]);
  }

  public void remove(ClientSession session) {
    String transport = transports.remove(session);
    if (transport != null) {
      counts.get(transport).decrementAndGet();
      sessions.remove(session);
      view = sessions.toArray(new ClientSession[0]);
    }
  }

  /** Connected clients using {@code transport}. */
  public int count(String transport) {
    AtomicInteger n = counts.get(transport);
    return n == null ? 0 : n.get();
  }

  /**
   * Flow-control figures over all clients: {@code {"maxBacklog","totalBacklog","maxInflightBytes",
   * "pendingChanges"}} (backlog in frames, at most one per instrument per client).
   */
  public io.vertx.core.json.JsonObject stats() {
    int maxBacklog = 0;
    long totalBacklog = 0;
    long maxInflight = 0;
    for (ClientSession s : view) {
      maxBacklog = Math.max(maxBacklog, s.backlogSize());
      totalBacklog += s.backlogSize();
      maxInflight = Math.max(maxInflight, s.inflightBytes());
    }
    return new io.vertx.core.json.JsonObject()
        .put("maxBacklog", maxBacklog)
        .put("totalBacklog", totalBacklog)
        .put("maxInflightBytes", maxInflight)
        .put("pendingChanges", changed.size());
  }

  private void schedule(long delayMs) {
    if (!stopped) {
      timerId = vertx.setTimer(Math.max(1, delayMs), id -> flush());
    }
  }

  /** The timer: a flush (interval mode) and the slow-client check. */
  private void flush() {
    long startMs = System.currentTimeMillis();
    if (flushIntervalMs > 0) {
      flushChanges(startMs);
    }
    for (ClientSession session : view) {
      if (session.closeIfStuck(startMs) || session.isClosed()) {
        remove(session);
      }
    }
    schedule(period() - (System.currentTimeMillis() - startMs));
  }

  private void flushChanges(long startMs) {
    if (!stopped && !changed.isEmpty()) {
      long startNanos = nanoClock.getAsLong();
      Frame[] batch = changed.values().toArray(new Frame[0]);
      changed.clear();
      // index the batch by chain so that a client following one chain looks at that chain's frames only
      Map<String, List<Frame>> byChain = new HashMap<>();
      List<Frame> unbound = new ArrayList<>();
      for (Frame frame : batch) {
        String chain = frame.chainKey();
        if (chain == null) {
          unbound.add(frame);
        } else {
          byChain.computeIfAbsent(chain, k -> new ArrayList<>()).add(frame);
        }
      }
      for (ClientSession session : view) {
        String chain = session.chainKey();
        if (chain == null) {
          for (Frame frame : batch) {
            session.offerLive(frame, startMs);
          }
        } else {
          for (Frame frame : byChain.getOrDefault(chain, List.of())) {
            session.offerLive(frame, startMs);
          }
          for (Frame frame : unbound) {
            session.offerLive(frame, startMs);
          }
        }
        session.flush();
      }
      lastFlushEndNanos = nanoClock.getAsLong();
      lastFlushNanos = lastFlushEndNanos - startNanos;
    }
  }
}
