package org.optionstream.greeks;

import io.vertx.core.json.JsonArray;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.optionstream.common.UpdateOrder;
import org.optionstream.common.json.GreeksUpdate;

/**
 * The latest {@code greeks_update} per instrument held by this process, shared by every greeks
 * verticle instance of one process ({@link GreeksMain} makes one and hands it to each), so a
 * {@code greeks.snapshot} request answers with all of them whichever instance takes it. Newest wins
 * by (exchange time, sequence) ({@link UpdateOrder}): with several instances the same instrument's
 * ticks may finish out of order. Updates are held as {@link GreeksUpdate} records and turned into
 * JSON only when a snapshot asks (about 0.4 KB per instrument instead of about 2 KB for a JSON tree:
 * bench/pipeline.sh --footprint).
 */
public final class GreeksBook {

  private final ConcurrentHashMap<String, GreeksUpdate> latest = new ConcurrentHashMap<>();
  private final AtomicInteger consumers = new AtomicInteger();
  private final AtomicBoolean healthRegistered = new AtomicBoolean();

  /** Keeps {@code update} unless a newer update of the same instrument is already held. */
  public void offer(GreeksUpdate update) {
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

  /** Instruments held. */
  public int size() {
    return latest.size();
  }

  /** Readiness bookkeeping: greeks is ready while at least one instance consumes greeks.compute.batch. */
  int consumerStarted() {
    return consumers.incrementAndGet();
  }

  int consumerStopped() {
    return consumers.decrementAndGet();
  }

  /** True exactly once per book: the first instance that shares it registers the readiness check. */
  boolean markHealthRegistered() {
    return healthRegistered.compareAndSet(false, true);
  }

  boolean consuming() {
    return consumers.get() > 0;
  }
}
