package org.optionstream.feed;

import static org.optionstream.feed.Failures.describe;

import io.vertx.core.Future;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.optionstream.feed.instruments.InstrumentMaster;
import org.optionstream.feed.instruments.Underlying;
import org.optionstream.feed.plan.SubscriptionPlanner;
import org.optionstream.feed.record.FeedRecorder;
import org.optionstream.feed.tick.ReceiptClock;
import org.optionstream.feed.tick.TickAssembler;
import org.optionstream.feed.upstox.Redactor;
import org.optionstream.feed.upstox.UpstoxRest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the feed tracks: each underlying and expiry goes into the {@link SubscriptionPlanner} (which keys,
 * centred where) and the {@link TickAssembler} (which contracts a frame may name), and is centred over
 * REST before the socket carries it, best effort: the index's last price re-centres the plan, the
 * option chain gives each contract's previous-day open interest. Every index price, from the socket or
 * REST, may re-centre the plan; then {@code onPlanChanged} runs. Event-loop confined.
 */
final class InstrumentTracker {

  private static final Logger LOG = LoggerFactory.getLogger(InstrumentTracker.class);

  private final InstrumentMaster master;
  private final SubscriptionPlanner planner;
  private final TickAssembler assembler;
  private final UpstoxRest rest;
  private final Redactor redactor;
  private final Runnable onPlanChanged;
  private final FeedRecorder recorder;

  /** @param recorder gets what is tracked while running and the REST answers that centre it */
  InstrumentTracker(InstrumentMaster master, SubscriptionPlanner planner, TickAssembler assembler, UpstoxRest rest,
                    Redactor redactor, Runnable onPlanChanged, FeedRecorder recorder) {
    this.master = master;
    this.planner = planner;
    this.assembler = assembler;
    this.rest = rest;
    this.redactor = redactor;
    this.onPlanChanged = onPlanChanged;
    this.recorder = recorder;
  }

  /**
   * Tracks the {@code count} nearest expiries of each of {@code symbols} and tries to centre them; fails with an
   * IllegalArgumentException naming the configuration when the master does not list them.
   */
  Future<Void> trackAtStart(List<String> symbols, int count) {
    List<List<SubscriptionPlanner.Tracked>> bySymbol;
    try {
      bySymbol = registerAtStart(symbols, count);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    List<Future<Void>> centred = new ArrayList<>();
    for (List<SubscriptionPlanner.Tracked> tracked : bySymbol) {
      String tracking = tracked.get(0).underlying().symbol();
      centred.add(centre(tracked).recover(e -> {
        LOG.info("could not pre-centre {} over REST ({}); the first index tick will", tracking, redactor.redact(describe(e)));
        return Future.succeededFuture();
      }));
    }
    return Future.join(centred).mapEmpty();
  }

  /**
   * Tracks the {@code count} nearest expiries of each of {@code symbols} without centring them (a replay centres them
   * from its journal); throws an IllegalArgumentException naming the configuration when the master does not list them.
   */
  List<List<SubscriptionPlanner.Tracked>> registerAtStart(List<String> symbols, int count) {
    List<List<SubscriptionPlanner.Tracked>> bySymbol = new ArrayList<>();
    for (String symbol : symbols) {
      List<SubscriptionPlanner.Tracked> tracked;
      try {
        tracked = planner.trackNearest(symbol, count);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("feed configuration: " + e.getMessage(), e);
      }
      tracked.forEach(this::register);
      bySymbol.add(tracked);
    }
    return bySymbol;
  }

  /** True when {@code symbol} at {@code expiryIso} (null: its nearest expiry) is tracked already. */
  boolean isTracked(String symbol, String expiryIso) {
    Underlying u = master.underlying(symbol);
    return u != null && planner.tracked().stream().anyMatch(x -> x.underlying() == u
        && (expiryIso == null ? x.chain() == u.chains().firstEntry().getValue()
        : LocalDate.ofEpochDay(x.chain().expiryEpochDay()).toString().equals(expiryIso.trim())));
  }

  /** True when no expiry of {@code symbol} is tracked yet. */
  boolean isNewUnderlying(String symbol) {
    return planner.tracked().stream().noneMatch(x -> x.underlying().symbol().equalsIgnoreCase(symbol.trim()));
  }

  /**
   * Tracks {@code symbol} at {@code expiryIso} (null: the nearest) and applies the plan.
   *
   * @throws IllegalArgumentException with a sentence a caller can show (unknown symbol or expiry, key limits)
   */
  SubscriptionPlanner.Tracked track(String symbol, String expiryIso) {
    SubscriptionPlanner.Tracked t = planner.track(symbol, expiryIso);
    register(t);
    recorder.track(t.underlying().symbol(), LocalDate.ofEpochDay(t.chain().expiryEpochDay()).toString(),
        ReceiptClock.nowMicros());
    onPlanChanged.run();
    return t;
  }

  /** Learns the index price (LTP) and previous-day OI (option chain) of {@code tracked}, all of one underlying. */
  Future<Void> centre(List<SubscriptionPlanner.Tracked> tracked) {
    String symbol = tracked.get(0).underlying().symbol();
    String indexKey = tracked.get(0).underlying().indexKey();
    return rest.lastPrices(List.of(indexKey)).compose(prices -> {
      Double spot = prices.get(indexKey);
      if (spot != null) {
        long receivedAtMicros = ReceiptClock.nowMicros();
        recorder.indexPrice(symbol, indexKey, spot, receivedAtMicros);
        onSpot(symbol, spot, receivedAtMicros / 1000);
      }
      List<Future<?>> chains = new ArrayList<>();
      for (SubscriptionPlanner.Tracked t : tracked) {
        String expiry = LocalDate.ofEpochDay(t.chain().expiryEpochDay()).toString();
        chains.add(rest.optionChain(indexKey, expiry).map(rows -> {
          long receivedAtMicros = ReceiptClock.nowMicros();
          recorder.chain(FeedRecorder.CHAIN_CENTRE, indexKey, expiry, rows, receivedAtMicros);
          return learnFromChain(rows, receivedAtMicros);
        }));
      }
      return Future.join(chains).mapEmpty();
    });
  }

  /** A centring option-chain answer: every contract's state (previous-day OI among it), no ticks. */
  int learnFromChain(io.vertx.core.json.JsonArray rows, long receivedAtMicros) {
    return assembler.acceptChain(rows, receivedAtMicros, k -> false, null);
  }

  /** Index price seen (stream or REST) at {@code atMillis}: re-centre the plan when it moved far enough. */
  void onSpot(String symbol, double indexPrice, long atMillis) {
    if (planner.onSpot(symbol, indexPrice, atMillis)) {
      onPlanChanged.run();
    }
  }

  private void register(SubscriptionPlanner.Tracked t) {
    assembler.registerUnderlying(t.underlying().symbol(), t.underlying().indexKey());
    assembler.registerExpiry(t.chain());
  }
}
