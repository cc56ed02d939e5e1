package org.optionstream.feed;

import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import org.optionstream.feed.plan.ExpiryWindow;
import org.optionstream.feed.plan.SubscriptionPlanner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code feed.subscribe} ({@code {symbol, expiry?}}): tracks the underlying at that expiry (its
 * nearest without one), centres it over REST, and replies {@code {ok, symbol, expiry, indexKey,
 * alreadyTracked, atmStrike, strikeStep, lotSize, subscribed}}; a request the feed cannot serve fails
 * with 400 and a sentence saying why (unknown symbol or expiry, Upstox's key limits).
 */
final class SubscribeHandler {

  private static final Logger LOG = LoggerFactory.getLogger(SubscribeHandler.class);

  private final InstrumentTracker tracker;
  private final SubscriptionPlanner planner;
  private final FeedStatusReporter status;

  SubscribeHandler(InstrumentTracker tracker, SubscriptionPlanner planner, FeedStatusReporter status) {
    this.tracker = tracker;
    this.planner = planner;
    this.status = status;
  }

  void handle(Message<JsonObject> message) {
    JsonObject body = message.body() == null ? new JsonObject() : message.body();
    String symbol = body.getString("symbol");
    if (symbol == null || symbol.isBlank()) {
      message.fail(400, "symbol is required, e.g. {\"symbol\":\"BANKNIFTY\",\"expiry\":\"2025-11-27\"}");
      return;
    }
    String expiry = body.getString("expiry");
    boolean newUnderlying = tracker.isNewUnderlying(symbol);
    boolean alreadyTracked = tracker.isTracked(symbol, expiry);
    SubscriptionPlanner.Tracked t;
    try {
      t = tracker.track(symbol, expiry);
    } catch (IllegalArgumentException e) {
      message.fail(400, e.getMessage());
      return;
    }
    String expiryIso = LocalDate.ofEpochDay(t.chain().expiryEpochDay()).toString();
    Future<Void> centred = alreadyTracked ? Future.succeededFuture()
        : tracker.centre(List.of(t)).recover(e -> Future.succeededFuture());
    centred.onComplete(x -> {
      status.publish();
      ExpiryWindow window = planner.current().windows().stream()
          .filter(w -> w.symbol().equals(t.underlying().symbol()) && w.expiryEpochDay() == t.chain().expiryEpochDay())
          .findFirst().orElse(null);
      LOG.info("feed.subscribe: tracking {} {} ({})", t.underlying().symbol(), expiryIso,
          alreadyTracked ? "already tracked" : newUnderlying ? "new underlying" : "new expiry");
      message.reply(new JsonObject()
          .put("ok", true)
          .put("symbol", t.underlying().symbol())
          .put("expiry", expiryIso)
          .put("indexKey", t.underlying().indexKey())
          .put("alreadyTracked", alreadyTracked)
          .put("atmStrike", window == null || !window.centred() ? null : window.atmStrike())
          .put("strikeStep", t.chain().strikeStep())
          .put("lotSize", t.chain().lotSize())
          .put("subscribed", planner.current().size()));
    });
  }
}
