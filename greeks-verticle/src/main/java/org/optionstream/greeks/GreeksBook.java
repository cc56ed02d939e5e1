package org.optionstream.greeks;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.optionstream.common.UpdateOrder;
import org.optionstream.common.json.GreeksUpdate;

/**
 * The latest {@code greeks_update} per instrument held by this process, shared by every greeks
 * verticle instance of one Vertx, so a {@code greeks.snapshot} request answers with all of them
 * whichever instance takes it. Newest wins by (exchange time, sequence) ({@link UpdateOrder}):
 * with several instances the same instrument's ticks may finish out of order. Updates are held as
 * {@link GreeksUpdate} records and turned into JSON only when a snapshot asks (about 0.4 KB per
 * instrument instead of about 2 KB for a JSON tree: bench/pipeline.sh --footprint).
 */
final class GreeksBook {

  private static final Map<Vertx, GreeksBook> BY_VERTX = new WeakHashMap<>();

  private final ConcurrentHashMap<String, GreeksUpdate> latest = new ConcurrentHashMap<>();
  private final AtomicInteger consumers = new AtomicInteger();
  private final java.util.concurrent.atomic.AtomicBoolean healthRegistered = new java.util.concurrent.atomic.AtomicBoolean();

  static synchronized GreeksBook of(Vertx vertx) {
    return BY_VERTX.computeIfAbsent(vertx, v -> new GreeksBook());
  }

  /** Keeps {@code update} unless a newer update of the same instrument is already held. */
  void offer(GreeksUpdate update) {
    latest.merge(update.instrumentKey(), update, (held, offered) ->
        UpdateOrder.isNewer(offered.exchangeTimeMs(), offered.sequence(), held.exchangeTimeMs(), held.sequence())
            ? offered : held);
  }

  /** The held updates, optionally only those of {@code symbol} and/or {@code expiry} (ISO date); null = any. */
  JsonArray snapshot(String symbol, String expiry) {
    JsonArray out = new JsonArray();
    latest.values().forEach(u -> {
      if ((symbol == null || symbol.equals(u.symbol())) && (expiry == null || expiry.equals(u.expiry()))) {
        out.add(u.toJson());
      }
    });
    return out;
  }

  int size() {
    return latest.size();
  }

  /** Readiness bookkeeping: greeks is ready while at least one instance consumes greeks.compute.batch. */
  int consumerStarted() {
    return consumers.incrementAndGet();
  }

  int consumerStopped() {
    return consumers.decrementAndGet();
  }

  /** True exactly once per process: the first instance registers the readiness check. */
  boolean markHealthRegistered() {
    return healthRegistered.compareAndSet(false, true);
  }

  boolean consuming() {
    return consumers.get() > 0;
  }
}
