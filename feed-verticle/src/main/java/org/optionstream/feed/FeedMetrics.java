package org.optionstream.feed;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.optionstream.common.json.FeedSource;
import org.optionstream.feed.upstox.Redactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feed's meters, each tagged {@code source} ({@code upstox} or {@code simulator}):
 * {@code optionstream.feed.ticks}, {@code .frames}, {@code .reconnects}, {@code .poll.ticks},
 * {@code .poll.errors}, {@code .decode.errors{kind}}, {@code .problems{kind}}, gauges
 * {@code .subscribed.keys} and {@code .live}. A problem is counted every time and logged the first
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
  private final Set<String> loggedKinds = ConcurrentHashMap.newKeySet();
  private IntSupplier subscribedKeys = () -> 0;
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
    // this object is the gauges' state: the registry holds it weakly, the verticle strongly
    registry.gauge("optionstream.feed.subscribed.keys", this.source, this, m -> m.subscribedKeys.getAsInt());
    registry.gauge("optionstream.feed.live", this.source, this, m -> m.live.getAsBoolean() ? 1 : 0);
  }

  /** What the gauges read: instrument keys on the socket, and whether it is live. */
  void watch(IntSupplier subscribedKeys, BooleanSupplier live) {
    this.subscribedKeys = subscribedKeys;
    this.live = live;
  }

  void tick() {
    ticks.increment();
  }

  void frame() {
    frames.increment();
  }

  /** Frames decoded since start. */
  long framesDecoded() {
    return (long) frames.count();
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
