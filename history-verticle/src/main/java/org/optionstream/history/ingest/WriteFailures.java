package org.optionstream.history.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every kind of write failure and malformed message, counted ({@code optionstream.history.failures{kind}})
 * and logged once per kind: a stream of bad messages makes one log line, never one per message.
 * Thread-safe (the event loop and the writer thread both report).
 */
public final class WriteFailures {

  private static final Logger LOG = LoggerFactory.getLogger(WriteFailures.class);

  private final MeterRegistry meters;
  private final Map<String, Kind> byKind = new ConcurrentHashMap<>();

  /** The registry's counter (shared by every instance on that registry) and this instance's own count. */
  private record Kind(Counter counter, LongAdder mine) {
  }

  public WriteFailures(MeterRegistry meters) {
    this.meters = meters;
  }

  /** Counts one failure of {@code kind}; the first of each kind is logged with {@code detail}. */
  public void record(String kind, String detail) {
    record(kind, detail, 1);
  }

  /** Counts {@code count} failures of {@code kind} (e.g. the rows of a batch that could not be committed). */
  public void record(String kind, String detail, long count) {
    Kind tracked = byKind.get(kind);
    if (tracked == null) {
      Kind created = new Kind(Counter.builder("optionstream.history.failures").tag("kind", kind)
          .description("messages or rows the history stage could not store, by kind").register(meters),
          new LongAdder());
      if (byKind.putIfAbsent(kind, created) == null) {
        LOG.warn("history: {} ({}); further failures of this kind are only counted in optionstream_history_failures_total",
            kind, detail);
      }
      tracked = byKind.get(kind);
    }
    tracked.counter().increment(count);
    tracked.mine().add(count);
  }

  /** Failures this instance counted so far, by kind. */
  public Map<String, Long> counts() {
    Map<String, Long> counts = new java.util.TreeMap<>();
    byKind.forEach((kind, tracked) -> counts.put(kind, tracked.mine().sum()));
    return counts;
  }
}
