package org.optionstream.feed;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.optionstream.common.json.FeedState;
import org.optionstream.common.tick.InstrumentKind;
import org.optionstream.common.tick.Tick;
import org.optionstream.feed.tick.TickAssembler;
import org.optionstream.feed.tick.TickPublisher;
import org.optionstream.feed.upstox.FeedDecoder;
import org.optionstream.feed.upstox.FrameDecodeException;
import org.optionstream.feed.upstox.MarketSegments;
import org.optionstream.upstox.proto.FeedResponse;
import org.optionstream.upstox.proto.Type;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data path: each socket frame is decoded (an undecodable one is counted by kind, never fatal),
 * its {@code market_info} noted, its feeds turned into ticks by the {@link TickAssembler} and put on
 * the bus by the {@link TickPublisher} (one flush per frame); REST option-chain rows take the same way.
 * It also watches for silence: a live socket with the market open and no tick for
 * {@code FEED_STALE_AFTER_MS} is {@code STALE}, and the next tick, or the market closing, makes it
 * {@code LIVE} again; a closed market is never silence (liveness comes from the socket's pongs alone); and
 * keys that never get data are reported ({@link UnseenKeyWatch}). Event-loop confined.
 */
final class FrameHandler {

  private static final Logger LOG = LoggerFactory.getLogger(FrameHandler.class);

  private final TickAssembler assembler;
  private final TickPublisher publisher;
  private final FeedMetrics metrics;
  private final FeedStatusReporter status;
  private final long staleAfterMs;
  private final MarketSegments segments = new MarketSegments();
  private final UnseenKeyWatch unseen;
  /** Keys on the live socket; null while it is down. */
  private Set<String> socketKeys;
  /** When the socket went live, epoch ms: silence is measured from here or the last tick, whichever is later. */
  private long liveSinceMs;
  /** Option ticks made since start (a replay at max waits until greeks has priced them). */
  private long optionTicks;

  FrameHandler(FeedConfig config, TickAssembler assembler, TickPublisher publisher, FeedMetrics metrics,
               FeedStatusReporter status) {
    this.assembler = assembler;
    this.publisher = publisher;
    this.metrics = metrics;
    this.status = status;
    this.staleAfterMs = config.staleAfterMs();
    this.unseen = new UnseenKeyWatch(config.unseenAfterMs());
  }

  /** The socket is live since {@code sinceMs} (epoch ms) and now carries {@code keys} (subscribed at {@code nowMs}). */
  void socketLive(long sinceMs, Set<String> keys, long nowMs) {
    unseen.onSocketKeys(socketKeys == null ? Set.of() : socketKeys, keys, nowMs);
    liveSinceMs = sinceMs;
    socketKeys = keys;
  }

  void socketDown() {
    socketKeys = null;
    unseen.clear();
  }

  /** Keys without any data since they were subscribed, as last checked. */
  int unseenKeys() {
    return unseen.unseen().count();
  }

  /** One binary frame from the socket, received at {@code receivedAtMicros} (epoch µs). */
  void onFrame(Buffer frame, long receivedAtMicros) {
    FeedResponse response;
    try {
      response = FeedDecoder.decode(frame.getBytes());
    } catch (FrameDecodeException e) {
      metrics.problem("decode_" + e.kind(), "undecodable frame (" + e.kind() + "): " + e.sample());
      metrics.decodeError(e.kind());
      status.decodeError(e.kind());
      return;
    }
    metrics.frame();
    if (response.getType() == Type.market_info) {
      onMarketInfo(response);
    }
    unseen.onFrame(response);
    long lastTickBefore = status.lastTickAtMs();
    try {
      assembler.accept(response, receivedAtMicros, this::emit);
    } catch (RuntimeException e) {
      metrics.problem("assemble", "a frame could not be turned into ticks: " + e);
    } finally {
      publisher.flush();
    }
    if (status.state() == FeedState.STALE && status.lastTickAtMs() != lastTickBefore) {
      status.set(FeedState.LIVE, "data flowing again; subscribed " + status.subscribed() + " instrument keys");
    }
  }

  /** The rows of one REST option-chain answer: ticks for the index and the options {@code wanted} accepts. */
  int onChain(JsonArray rows, long receivedAtMicros, Predicate<String> wanted) {
    int n = assembler.acceptChain(rows, receivedAtMicros, wanted, this::emit);
    publisher.flush();
    return n;
  }

  /**
   * LIVE → STALE when the socket is open, the market is open, and no tick came for {@code FEED_STALE_AFTER_MS};
   * and the keys still without data.
   */
  void check() {
    long now = System.currentTimeMillis();
    status.unseenKeys(unseen.check(now));
    if (status.state() != FeedState.LIVE || socketKeys == null || !segments.anyOpen(socketKeys)) {
      return;
    }
    long silentMs = now - Math.max(status.lastTickAtMs(), liveSinceMs);
    if (silentMs >= staleAfterMs) {
      status.set(FeedState.STALE, "no market data for " + silentMs + " ms while the market is open; the socket is"
          + " still open; subscribed " + status.subscribed() + " instrument keys");
    }
  }

  private void onMarketInfo(FeedResponse response) {
    LOG.info("market status: {}", response.getMarketInfo().getSegmentStatusMap());
    segments.update(response.getMarketInfo().getSegmentStatusMap());
    Map<String, String> bySegment = new TreeMap<>();
    response.getMarketInfo().getSegmentStatusMap().forEach((segment, s) -> bySegment.put(segment, s.name()));
    status.marketStatus(bySegment);
    if (status.state() == FeedState.STALE && socketKeys != null && !segments.anyOpen(socketKeys)) {
      status.set(FeedState.LIVE, "market closed, no data expected; subscribed " + status.subscribed() + " instrument keys");
    }
  }

  /** Option ticks made since start. */
  long optionTicks() {
    return optionTicks;
  }

  private void emit(Tick tick) {
    if (tick.getKind() != InstrumentKind.INDEX) {
      optionTicks++;
    }
    publisher.add(tick);
    metrics.tick();
    status.tickAt(tick.getFeedReceivedAtMicros() / 1000);
  }
}
