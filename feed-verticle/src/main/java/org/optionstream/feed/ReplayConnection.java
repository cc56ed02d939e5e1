package org.optionstream.feed;

import static org.optionstream.feed.Failures.describe;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.optionstream.common.Addresses;
import org.optionstream.common.json.FeedState;
import org.optionstream.common.json.FeedStatus;
import org.optionstream.common.json.GreeksUpdateFrames;
import org.optionstream.feed.plan.SubscriptionPlan;
import org.optionstream.feed.plan.SubscriptionPlanner;
import org.optionstream.feed.record.FeedRecorder;
import org.optionstream.journal.JournalReader;
import org.optionstream.journal.JournalRecord;
import org.optionstream.journal.JournalTimes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code FEED_SOURCE=replay}: plays a journal instead of a socket. Every record goes where its live
 * counterpart went, with its recorded receive time as the time it arrived: frames to the {@link FrameHandler},
 * polled option chains to the same ticks, the centring answers and tracking to the {@link InstrumentTracker}.
 * So decoding, tick assembly, forward estimation and publishing are the live code, and every time the pipeline
 * derives (exchange-time fallbacks, {@code feedReceivedAtMicros}) is the recording's, whenever it is replayed.
 *
 * <p>Market records ({@code WS_FRAME}, {@code OPTION_CHAIN}) received outside {@code FEED_REPLAY_FROM..TO} are
 * skipped; the rest (index prices, tracking) is always applied. At speed {@code s} a record is played
 * (its receive time − the first played one's) / {@code s} after the first; at {@code max}, as soon as the
 * greeks stage has priced the option ticks of the record before (counted on {@code greeks.update.frames}),
 * so nothing is shed for going too fast. Whether there is a greeks stage to wait for is asked once, at the start
 * ({@code greeks.snapshot}); without one the replay does not wait, and a wait longer than {@value #GATE_TIMEOUT_MS}
 * ms is given up and counted ({@code optionstream.feed.problems{kind=replay_greeks_timeout}}). The journal is read
 * on a worker, a chunk ahead. Damaged stretches are skipped
 * and counted ({@code feed.status}'s {@code replay.damaged}, {@code optionstream.feed.problems{kind=journal_damaged}}).
 * The state is {@code REPLAY} throughout, published every second; the feed keeps its last values at the end.
 * Event-loop confined.
 */
final class ReplayConnection implements MarketConnection {

  private static final Logger LOG = LoggerFactory.getLogger(ReplayConnection.class);
  private static final int CHUNK = 512;
  private static final int RECORDS_PER_TURN = 256;
  /** At max speed, how long a replay waits for greeks to price a record's ticks before going on, ms. */
  static final long GATE_TIMEOUT_MS = 10_000;
  private static final long STATUS_EVERY_MS = 1_000;

  private record Chunk(List<JournalRecord> records, long damaged, boolean end) {
  }

  private final Vertx vertx;
  private final ReplayConfig config;
  private final ReplaySession session;
  private final FrameHandler frames;
  private final InstrumentTracker tracker;
  private final SubscriptionPlanner planner;
  private final FeedMetrics metrics;
  private final FeedStatusReporter status;
  private final long fromMicros;
  private final long toMicros;
  private final ArrayDeque<JournalRecord> ready = new ArrayDeque<>();
  private boolean pumping;
  private JournalReader reader;
  private boolean fetching;
  private boolean endOfJournal;
  private boolean started;
  private boolean done;
  private boolean stopping;
  private long firstMicros = -1;
  private long wallStartNanos;
  private long positionMicros;
  private long played;
  private long damaged;
  private long pumpTimer = -1;
  private long statusTimer = -1;
  // max speed: wait for greeks
  private MessageConsumer<GreeksUpdateFrames> priced;
  private long inFlight;
  private boolean gateOn;
  private long gateTimer = -1;

  /** @throws IllegalArgumentException when {@code FEED_REPLAY_FROM} or {@code _TO} is not a time */
  ReplayConnection(Vertx vertx, ReplayConfig config, ReplaySession session, FrameHandler frames,
                   InstrumentTracker tracker, SubscriptionPlanner planner, FeedMetrics metrics, FeedStatusReporter status) {
    this.vertx = vertx;
    this.config = config;
    this.session = session;
    this.frames = frames;
    this.tracker = tracker;
    this.planner = planner;
    this.metrics = metrics;
    this.status = status;
    this.fromMicros = config.from() == null ? Long.MIN_VALUE : time("FEED_REPLAY_FROM", config.from());
    this.toMicros = config.to() == null ? Long.MAX_VALUE : time("FEED_REPLAY_TO", config.to());
    if (toMicros < fromMicros) {
      throw new IllegalArgumentException("FEED_REPLAY_TO is before FEED_REPLAY_FROM");
    }
    status.replay(this::progress);
  }

  private long time(String name, String text) {
    try {
      return JournalTimes.parseMicros(text, session.day());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
    }
  }

  /** How far the replay got, for {@code feed.status}. */
  FeedStatus.Replay progress() {
    return new FeedStatus.Replay(session.file().getFileName().toString(), session.recordedSource(), config.speedName(),
        positionMicros / 1000, played, damaged, done);
  }

  @Override
  public void connect() {
    if (started) {
      return;
    }
    started = true;
    LOG.info("replaying {} (recorded from {} on {}) at speed {}", session.file(), session.recordedSource(), session.day(),
        config.speedName());
    status.set(FeedState.REPLAY, "replaying " + session.file().getFileName() + " (recorded from " + session.recordedSource()
        + ") at speed " + config.speedName());
    statusTimer = vertx.setPeriodic(STATUS_EVERY_MS, t -> status.publish());
    Future<Void> gate = Future.succeededFuture();
    if (config.max()) {
      priced = vertx.eventBus().consumer(Addresses.GREEKS_UPDATE_FRAMES, m -> onPriced(m.body().size()));
      gate = vertx.eventBus().request(Addresses.GREEKS_SNAPSHOT, new JsonObject(),
              new io.vertx.core.eventbus.DeliveryOptions().setSendTimeout(GATE_TIMEOUT_MS))
          .transform(answer -> {
            gateOn = answer.succeeded();
            LOG.info(gateOn ? "replay at max: each record waits until greeks priced the ticks of the one before"
                : "replay at max: no greeks stage answers greeks.snapshot; the replay does not wait for pricing");
            return priced.completion();
          });
    }
    gate.compose(v -> vertx.executeBlocking(() -> JournalReader.open(session.file()))).onComplete(opened -> {
      if (opened.failed()) {
        finish("could not open " + session.file() + ": " + describe(opened.cause()));
        return;
      }
      reader = opened.result();
      if (stopping) {
        closeReader();
        return;
      }
      fetch();
    });
  }

  @Override
  public void apply(SubscriptionPlan plan) {
    // the recording already holds what the plan's subscriptions brought
  }

  @Override
  public Future<Void> stop() {
    stopping = true;
    cancelTimers();
    if (priced != null) {
      priced.unregister();
    }
    return closeReader();
  }

  @Override
  public int subscribedKeys() {
    return planner.current().size();
  }

  @Override
  public int connections() {
    return 0;
  }

  @Override
  public boolean live() {
    return started && !done && !stopping;
  }

  @Override
  public void tokenRead(boolean changed) {
    // a replay uses no token
  }

  private void fetch() {
    if (fetching || endOfJournal || reader == null) {
      return;
    }
    fetching = true;
    JournalReader r = reader;
    vertx.executeBlocking(() -> {
      List<JournalRecord> list = new ArrayList<>(CHUNK);
      JournalRecord next = null;
      while (list.size() < CHUNK && (next = r.next()) != null) {
        list.add(next);
      }
      return new Chunk(list, r.damaged(), next == null);
    }).onComplete(read -> {
      fetching = false;
      if (stopping) {
        return;
      }
      if (read.failed()) {
        metrics.problem("replay_read", "could not read " + session.file() + ": " + describe(read.cause()));
        endOfJournal = true;
      } else {
        Chunk chunk = read.result();
        ready.addAll(chunk.records());
        endOfJournal = chunk.end();
        if (chunk.damaged() > damaged) {
          metrics.problem("journal_damaged", "damaged records in " + session.file() + " skipped (" + chunk.damaged()
              + " stretches so far; journal summary lists them)");
          damaged = chunk.damaged();
        }
      }
      if (!pumping && pumpTimer < 0 && gateTimer < 0) {
        pump();
      }
    });
  }

  /**
   * Plays up to {@value #RECORDS_PER_TURN} records. Not re-entrant: a read that completes at once completes
   * inside {@link #fetch()}, within this loop, between a record's look and its removal; pumping again there
   * played that record twice and dropped the next one.
   */
  private void pump() {
    pumpTimer = -1;
    if (stopping || done) {
      return;
    }
    pumping = true;
    try {
      pumpTurn();
    } finally {
      pumping = false;
    }
  }

  private void pumpTurn() {
    for (int budget = RECORDS_PER_TURN; budget > 0; budget--) {
      if (config.max() && gateOn && inFlight > 0) {
        waitForGreeks();
        return;
      }
      JournalRecord r = ready.peekFirst();
      if (r == null) {
        if (!endOfJournal) {
          fetch();
        }
        if (!ready.isEmpty()) {
          continue;
        }
        if (endOfJournal && !fetching) {
          finish("replay finished");
        }
        return;
      }
      if (ready.size() < CHUNK / 2) {
        fetch();
      }
      if (r.kind().timed()) {
        long t = r.receivedAtMicros();
        if (t < fromMicros) {
          ready.pollFirst();
          continue;
        }
        if (t > toMicros) {
          finish("replay reached FEED_REPLAY_TO");
          return;
        }
        if (!config.max()) {
          if (firstMicros < 0) {
            firstMicros = t;
            wallStartNanos = System.nanoTime();
          }
          long waitNanos = wallStartNanos + (long) ((t - firstMicros) * 1000 / config.speed()) - System.nanoTime();
          if (waitNanos >= 1_000_000) {
            pumpTimer = vertx.setTimer(waitNanos / 1_000_000, x -> pump());
            return;
          }
        }
      }
      ready.pollFirst();
      play(r);
    }
    pumpTimer = vertx.setTimer(1, x -> pump());
  }

  /** One record into the live code, as if it had just arrived at its recorded time. */
  private void play(JournalRecord r) {
    long t = r.receivedAtMicros();
    long ticksBefore = frames.optionTicks();
    try {
      switch (r.kind()) {
        case WS_FRAME -> frames.onFrame(Buffer.buffer(r.payload()), t);
        case OPTION_CHAIN, CENTRE_CHAIN -> {
          JsonObject answer = new JsonObject(r.payloadText());
          if (FeedRecorder.CHAIN_POLL.equals(answer.getString("use"))) {
            OptionChainPoller.onPolled(frames, planner, metrics, answer.getJsonArray("data"), t);
          } else {
            tracker.learnFromChain(answer.getJsonArray("data"), t);
          }
        }
        case INDEX_PRICE -> {
          JsonObject price = new JsonObject(r.payloadText());
          tracker.onSpot(price.getString("symbol"), price.getDouble("price"), t / 1000);
        }
        case TRACK -> {
          JsonObject track = new JsonObject(r.payloadText());
          tracker.track(track.getString("symbol"), track.getString("expiry"));
        }
        case SESSION, INSTRUMENTS -> {
          // read before the replay started
        }
      }
    } catch (RuntimeException e) {
      metrics.problem("replay_record", "a " + r.kind() + " record could not be replayed: " + e);
    }
    if (!r.kind().setup()) {
      positionMicros = Math.max(positionMicros, t);
      played++;
    }
    inFlight += frames.optionTicks() - ticksBefore;
  }

  private void waitForGreeks() {
    if (gateTimer >= 0) {
      return;
    }
    gateTimer = vertx.setTimer(GATE_TIMEOUT_MS, t -> {
      gateTimer = -1;
      metrics.problem("replay_greeks_timeout", "replay at max: greeks did not price " + inFlight + " ticks within "
          + GATE_TIMEOUT_MS + " ms; going on");
      inFlight = 0;
      pump();
    });
  }

  private void onPriced(int updates) {
    inFlight = Math.max(0, inFlight - updates);
    if (inFlight == 0 && gateTimer >= 0) {
      vertx.cancelTimer(gateTimer);
      gateTimer = -1;
      pump();
    }
  }

  private void finish(String why) {
    done = true;
    cancelTimers();
    if (priced != null) {
      priced.unregister();
    }
    closeReader();
    String position = positionMicros > 0 ? JournalTimes.ist(positionMicros) : "no market record";
    LOG.info("{}: {} records played, up to {}; {} damaged stretches skipped", why, played, position, damaged);
    status.set(FeedState.REPLAY, why + ": " + played + " records of " + session.file().getFileName() + " played, up to "
        + position + (damaged > 0 ? "; " + damaged + " damaged stretches skipped" : ""));
  }

  private Future<Void> closeReader() {
    JournalReader r = reader;
    reader = null;
    return r == null ? Future.succeededFuture() : vertx.executeBlocking(() -> {
      r.close();
      return null;
    });
  }

  private void cancelTimers() {
    for (long id : new long[] {pumpTimer, statusTimer, gateTimer}) {
      if (id >= 0) {
        vertx.cancelTimer(id);
      }
    }
    pumpTimer = -1;
    statusTimer = -1;
    gateTimer = -1;
  }
}
