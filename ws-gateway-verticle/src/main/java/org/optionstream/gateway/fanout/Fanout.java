package org.optionstream.gateway.fanout;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.optionstream.gateway.cache.Frame;

/**
 * Local fan-out of one gateway. The gateway consumes each cluster address once; every accepted update
 * lands here, is conflated with the other updates of the same instrument since the last flush, and is
 * offered to every connected client every {@code flushIntervalMs}. The work per flush is therefore
 * bounded by (clients x instruments changed), whatever the update rate; when a flush takes longer than
 * the interval the next one starts right after it, so more updates are conflated instead of queued.
 * Event-loop confined.
 */
public final class Fanout {

  private final Vertx vertx;
  private final long flushIntervalMs;
  private final LinkedHashMap<String, Frame> changed = new LinkedHashMap<>();
  private final List<ClientSession> sessions = new ArrayList<>();
  private final Map<ClientSession, String> transports = new IdentityHashMap<>();
  /** Clients per transport; read by the metrics scrape, possibly from another thread. */
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private ClientSession[] view = new ClientSession[0];
  private long timerId = -1;
  private boolean stopped;

  public Fanout(Vertx vertx, long flushIntervalMs) {
    this.vertx = vertx;
    this.flushIntervalMs = flushIntervalMs;
  }

  /** Starts the flush loop. */
  public void start() {
    stopped = false;
    schedule(flushIntervalMs);
  }

  public void stop() {
    stopped = true;
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
  }

  /** Queues {@code frame} for the next flush, replacing an unflushed older frame of the same instrument. */
  public void publish(Frame frame) {
    changed.put(frame.conflationKey(), frame);
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

  private void flush() {
    long startMs = System.currentTimeMillis();
    if (!changed.isEmpty()) {
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
      }
    }
    for (ClientSession session : view) {
      if (session.closeIfStuck(startMs) || session.isClosed()) {
        remove(session);
      }
    }
    schedule(flushIntervalMs - (System.currentTimeMillis() - startMs));
  }
}
