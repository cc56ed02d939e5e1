package org.optionstream.feed;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.ToDoubleFunction;
import org.optionstream.common.json.FeedSource;
import org.optionstream.feed.upstox.Redactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feed's meters, each tagged {@code source} ({@code upstox} or {@code simulator}):
 * {@code optionstream.feed.ticks}, {@code .frames}, {@code .reconnects}, {@code .poll.ticks},
 * {@code .poll.errors}, {@code .pongs}, {@code .rest.rate.limited}, {@code .decode.errors{kind}},
 * {@code .problems{kind}}, gauges {@code .subscribed.keys}, {@code .connections} (open sockets),
 * {@code .unseen.keys} and {@code .live}. A problem is counted every time and logged the first
 * time of its kind only, its text redacted.
 */
final class FeedMetrics {

  private static final Logger LOG = LoggerFactory.getLogger(FeedMetrics.class);

  private final MeterRegistry registry;
  private final Tags source;
  private final Redactor redactor;
  private final Counter ticks;
  private final Counter frames;
  private final Counter reconnects;
  private final Counter pollTicks;
  private final Counter pollErrors;
  private final Counter pongs;
  private final Counter rateLimited;
  private final Set<String> loggedKinds = ConcurrentHashMap.newKeySet();
  /** Frames decoded, counted here too: a registry without a backend counts nothing. */
  private final AtomicLong framesDecoded = new AtomicLong();
  private final List<Gauge> gauges;
  private IntSupplier subscribedKeys = () -> 0;
  private IntSupplier connections = () -> 0;
  private IntSupplier unseenKeys = () -> 0;
  private BooleanSupplier live = () -> false;

  FeedMetrics(MeterRegistry registry, FeedSource source, Redactor redactor) {
    this.registry = registry;
    this.source = Tags.of("source", source.wireName());
    this.redactor = redactor;
    this.ticks = registry.counter("optionstream.feed.ticks", this.source);
    this.frames = registry.counter("optionstream.feed.frames", this.source);
    this.reconnects = registry.counter("optionstream.feed.reconnects", this.source);
    this.pollTicks = registry.counter("optionstream.feed.poll.ticks", this.source);
    this.pollErrors = registry.counter("optionstream.feed.poll.errors", this.source);
    this.pongs = registry.counter("optionstream.feed.pongs", this.source);
    this.rateLimited = registry.counter("optionstream.feed.rest.rate.limited", this.source);
    gauges = List.of(
        gauge("optionstream.feed.subscribed.keys", m -> m.subscribedKeys.getAsInt()),
        gauge("optionstream.feed.live", m -> m.live.getAsBoolean() ? 1 : 0),
        gauge("optionstream.feed.connections", m -> m.connections.getAsInt()),
        gauge("optionstream.feed.unseen.keys", m -> m.unseenKeys.getAsInt()));
  }

  private Gauge gauge(String name, ToDoubleFunction<FeedMetrics> value) {
    return Gauge.builder(name, this, value).tags(source).strongReference(true).register(registry);
  }

  /** Removes the gauges (they read this feed's state), so a feed deployed again in this process gets its own. */
  void close() {
    gauges.forEach(registry::remove);
  }

  /** What the gauges read: keys on the sockets, open sockets, keys without data, whether it is live. */
  void watch(IntSupplier subscribedKeys, IntSupplier connections, IntSupplier unseenKeys, BooleanSupplier live) {
    this.subscribedKeys = subscribedKeys;
    this.connections = connections;
    this.unseenKeys = unseenKeys;
    this.live = live;
  }

  void pong() {
    pongs.increment();
  }

  /** Upstox answered 429 (Too Many Requests). */
  void rateLimited() {
    rateLimited.increment();
  }

  void tick() {
    ticks.increment();
  }

  void frame() {
    frames.increment();
    framesDecoded.incrementAndGet();
  }

  /** Frames decoded since start. */
  long framesDecoded() {
    return framesDecoded.get();
  }

  void reconnect() {
    reconnects.increment();
  }

  void polled(int ticksFromRest) {
    pollTicks.increment(ticksFromRest);
  }

  void pollFailed() {
    pollErrors.increment();
  }

  void decodeError(String kind) {
    registry.counter("optionstream.feed.decode.errors", source.and("kind", kind)).increment();
  }

  /** Counts a problem and logs its first occurrence per kind (with a sample); never fatal. */
  void problem(String kind, String sample) {
    registry.counter("optionstream.feed.problems", source.and("kind", kind)).increment();
    if (loggedKinds.add(kind)) {
      LOG.warn("{} (logged once per kind; counted in optionstream.feed.problems with kind={})", redactor.redact(sample), kind);
    }
  }
}
