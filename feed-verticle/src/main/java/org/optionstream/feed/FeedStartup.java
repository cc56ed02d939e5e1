package org.optionstream.feed;

import static org.optionstream.feed.Failures.describe;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.LocalDate;
import java.util.function.Consumer;
import java.util.function.Function;
import org.optionstream.common.json.FeedSource;
import org.optionstream.common.json.FeedState;
import io.vertx.core.json.JsonObject;
import org.optionstream.feed.record.FeedRecorder;
import org.optionstream.feed.tick.ReceiptClock;
import org.optionstream.feed.instruments.InstrumentMaster;
import org.optionstream.feed.upstox.AccessToken;
import org.optionstream.feed.upstox.Backoff;
import org.optionstream.feed.upstox.UpstoxRest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.optionstream.common.time.IstTime;

/**
 * Getting the feed going, and keeping its token current. With {@code FEED_SOURCE=upstox} and no token it
 * fails closed: {@code STOPPED} (readiness DOWN), the reason in {@code feed.status} and an error logged
 * once a minute, until a token file gets a token. With a token it downloads and parses the instruments
 * master (on a worker) and hands it on. At start a failure fails the deployment; once a late token
 * arrived, a failed download is retried with back-off and a bad configuration stops the feed, saying why.
 * The token file is read again every {@code FEED_TOKEN_CHECK_MS}; once running, each new token is passed on.
 */
final class FeedStartup {

  private static final Logger LOG = LoggerFactory.getLogger(FeedStartup.class);
  /** How often, ms, the error that keeps the feed from starting is logged again. */
  static final long STOPPED_LOG_INTERVAL_MS = 60_000;

  private final Vertx vertx;
  private final FeedConfig config;
  private final UpstoxRest rest;
  private final AccessToken token;
  private final FeedStatusReporter status;
  private final Backoff backoff;
  private final Function<InstrumentMaster, Future<Void>> onMaster;
  private final FeedRecorder recorder;
  private Consumer<Boolean> onTokenRead = changed -> { };
  private boolean waitingForToken;
  private boolean stopping;
  private long tokenTimer = -1;
  private long stoppedLogTimer = -1;
  private long retryTimer = -1;

  /**
   * @param onMaster what runs the feed once the master is loaded (fails with IllegalArgumentException on bad configuration)
   * @param recorder told the session's settings and the master as downloaded
   */
  FeedStartup(Vertx vertx, FeedConfig config, UpstoxRest rest, AccessToken token, FeedStatusReporter status,
              Backoff backoff, Function<InstrumentMaster, Future<Void>> onMaster, FeedRecorder recorder) {
    this.vertx = vertx;
    this.config = config;
    this.rest = rest;
    this.token = token;
    this.status = status;
    this.backoff = backoff;
    this.onMaster = onMaster;
    this.recorder = recorder;
  }

  /** Told after every periodic read of the token file once the feed runs: true when the token changed. */
  void onTokenRead(Consumer<Boolean> listener) {
    this.onTokenRead = listener;
  }

  /** Completes once the feed runs or waits for a token; fails when the master or the configuration does. */
  Future<Void> start() {
    if (token.fromFile()) {
      tokenTimer = vertx.setPeriodic(config.tokenCheckMs(), t -> checkTokenFile());
    }
    return token.reload().compose(read -> {
      if (config.source() == FeedSource.UPSTOX && token.current() == null) {
        waitForToken();
        return Future.succeededFuture();
      }
      return loadAndRun();
    });
  }

  void stop() {
    stopping = true;
    for (long id : new long[] {tokenTimer, stoppedLogTimer, retryTimer}) {
      if (id >= 0) {
        vertx.cancelTimer(id);
      }
    }
  }

  private Future<Void> loadAndRun() {
    int today = (int) LocalDate.now(IstTime.IST_OFFSET).toEpochDay();
    return rest.download(config.instrumentsUrl())
        .compose(bytes -> {
          byte[] gzip = bytes.getBytes();
          recorder.session(session(config, today), gzip, ReceiptClock.nowMicros());
          return vertx.executeBlocking(() -> InstrumentMaster.parseGzip(gzip, today));
        })
        .compose(master -> {
          LOG.info("instruments master: {} option contracts over {} underlyings", master.contractCount(),
              master.symbols().size());
          return onMaster.apply(master);
        });
  }

  /** What a replay needs to track as this session did: the journal's {@code SESSION} record. */
  static JsonObject session(FeedConfig config, int todayEpochDay) {
    return Tracking.of(config).toJson().put("source", config.source().wireName()).put("todayEpochDay", todayEpochDay);
  }

  private void waitForToken() {
    waitingForToken = true;
    status.set(FeedState.STOPPED, waitingReason());
    LOG.error("feed not started: {}", status.reason());
    stoppedLogTimer = vertx.setPeriodic(STOPPED_LOG_INTERVAL_MS, t -> LOG.error("feed not started: {}", status.reason()));
  }

  private String waitingReason() {
    return token.problem() + (token.fromFile() ? " (read again every " + config.tokenCheckMs() + " ms)" : "")
        + "; with FEED_SOURCE=upstox the feed connects to nothing else and serves no other data";
  }

  private void checkTokenFile() {
    token.reload().onSuccess(changed -> {
      if (stopping) {
        return;
      }
      if (!waitingForToken) {
        onTokenRead.accept(changed);
      } else if (token.current() == null) {
        status.set(FeedState.STOPPED, waitingReason());
      } else {
        waitingForToken = false;
        vertx.cancelTimer(stoppedLogTimer);
        LOG.info("UPSTOX_ACCESS_TOKEN_FILE holds an access token: starting");
        status.set(FeedState.CONNECTING, "access token found; loading the instruments master");
        runLate();
      }
    });
  }

  /** {@link #loadAndRun()} after a late token: a bad configuration stops the feed, anything else is retried. */
  private void runLate() {
    loadAndRun().onFailure(e -> {
      if (stopping) {
        return;
      }
      if (e instanceof IllegalArgumentException) {
        status.set(FeedState.STOPPED, describe(e));
        LOG.error("feed not started: {}", status.reason());
        return;
      }
      long delay = backoff.nextDelayMs();
      status.set(FeedState.RECONNECTING, "could not load the instruments master (" + describe(e) + "); retry "
          + backoff.attempts() + " in " + delay + " ms");
      retryTimer = vertx.setTimer(delay, t -> runLate());
    });
  }
}
