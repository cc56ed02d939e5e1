package org.optionstream.feed;

import static org.optionstream.feed.Failures.describe;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.optionstream.feed.plan.Mode;
import org.optionstream.feed.plan.SubscriptionPlanner;
import org.optionstream.feed.record.FeedRecorder;
import org.optionstream.feed.tick.ReceiptClock;
import org.optionstream.feed.upstox.UpstoxHttpException;
import org.optionstream.feed.upstox.UpstoxRest;

/**
 * The REST fallback while the socket is down: every {@code FEED_POLL_INTERVAL_MS} the option chain of each
 * tracked expiry, one round at a time, its rows turned into ticks for the keys the plan wants. An answer
 * that arrives after {@link #stop()} (the socket is live again) is dropped. The calls go through
 * {@link UpstoxRest}'s rate limiter, so with many expiries a round takes longer rather than exceed
 * Upstox's limits, and after a 429 the next round waits out its Retry-After. Event-loop confined.
 */
final class OptionChainPoller {

  private final Vertx vertx;
  private final long intervalMs;
  private final UpstoxRest rest;
  private final SubscriptionPlanner planner;
  private final FrameHandler frames;
  private final FeedMetrics metrics;
  private final Runnable onRoundDone;
  private final FeedRecorder recorder;
  private long timer = -1;
  private boolean inFlight;

  /**
   * @param onRoundDone told after every round that succeeded while still polling
   * @param recorder    gets every answer used
   */
  OptionChainPoller(Vertx vertx, FeedConfig config, UpstoxRest rest, SubscriptionPlanner planner, FrameHandler frames,
                    FeedMetrics metrics, Runnable onRoundDone, FeedRecorder recorder) {
    this.vertx = vertx;
    this.intervalMs = config.pollIntervalMs();
    this.rest = rest;
    this.planner = planner;
    this.frames = frames;
    this.metrics = metrics;
    this.onRoundDone = onRoundDone;
    this.recorder = recorder;
  }

  /** Polls from now on (the first round at once); no-op when already polling. */
  void start() {
    if (timer < 0) {
      timer = vertx.setPeriodic(1, intervalMs, t -> poll());
    }
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  long intervalMs() {
    return intervalMs;
  }

  /** One polled option-chain answer into ticks for the keys the plan wants (live, and as replayed). */
  static int onPolled(FrameHandler frames, SubscriptionPlanner planner, FeedMetrics metrics, io.vertx.core.json.JsonArray rows,
                      long receivedAtMicros) {
    Map<String, Mode> wanted = planner.current().keys();
    int n = frames.onChain(rows, receivedAtMicros, wanted::containsKey);
    metrics.polled(n);
    return n;
  }

  private void poll() {
    if (timer < 0 || inFlight) {
      return;
    }
    inFlight = true;
    List<Future<Integer>> polls = new ArrayList<>();
    for (SubscriptionPlanner.Tracked t : planner.tracked()) {
      String expiry = LocalDate.ofEpochDay(t.chain().expiryEpochDay()).toString();
      polls.add(rest.optionChain(t.underlying().indexKey(), expiry).map(rows -> {
        if (timer < 0) {
          return 0;
        }
        long receivedAtMicros = ReceiptClock.nowMicros();
        recorder.chain(FeedRecorder.CHAIN_POLL, t.underlying().indexKey(), expiry, rows, receivedAtMicros);
        return onPolled(frames, planner, metrics, rows, receivedAtMicros);
      }));
    }
    Future.join(polls).onComplete(done -> {
      inFlight = false;
      if (timer < 0) {
        return;
      }
      if (done.succeeded()) {
        onRoundDone.run();
      } else {
        metrics.problem("poll_failed", "option-chain poll failed: " + describe(done.cause()));
        metrics.pollFailed();
        if (done.cause() instanceof UpstoxHttpException http && http.statusCode() == 429) {
          metrics.rateLimited();
        }
      }
    });
  }
}
