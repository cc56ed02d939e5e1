package org.optionstream.common;

/**
 * The public event-bus addresses of the system. Other services may consume these; stages talk to each
 * other only through them. Every address, its bodies and its codecs are described in
 * {@code docs/event-bus.md}; a test checks that document and the README's address table against the
 * constants here, so an address added here without documentation fails the build.
 */
public final class Addresses {

  /** publish; body: {@link org.optionstream.common.tick.Tick} (protobuf, codec registered per Vertx). */
  public static final String MARKET_TICKS = "market.ticks";
  /**
   * send, round-robin over greeks instances; body: one option {@link org.optionstream.common.tick.Tick},
   * for any service that wants a tick priced (the feed uses {@link #GREEKS_COMPUTE_BATCH}).
   */
  public static final String GREEKS_COMPUTE = "greeks.compute";
  /**
   * publish by the feed, one message per feed frame (or REST poll); body:
   * {@link org.optionstream.common.tick.TickBatch} of every tick of {@link #MARKET_TICKS} that frame made.
   */
  public static final String MARKET_TICKS_BATCH = "market.ticks.batch";
  /**
   * send by the feed, round-robin over greeks instances, one message per feed frame; body:
   * {@link org.optionstream.common.tick.TickBatch} of that frame's option ticks. Greeks instances
   * also take single ticks on {@link #GREEKS_COMPUTE}.
   */
  public static final String GREEKS_COMPUTE_BATCH = "greeks.compute.batch";
  /**
   * publish, one message per priced tick; consumers receive the {@code data} of a {@code greeks_update}
   * as a JSON object (greeks publishes the encoded update with its JSON codec).
   */
  public static final String GREEKS_UPDATE = "greeks.update";
  /**
   * publish, next to {@link #GREEKS_UPDATE} and for the same updates, one message per priced slice of ticks;
   * body: {@link org.optionstream.common.json.GreeksUpdateFrames}, each {@code greeks_update} message
   * encoded once (codec registered per Vertx). Gateways consume this one and fan the bytes out unparsed.
   */
  public static final String GREEKS_UPDATE_FRAMES = "greeks.update.frames";
  /** publish by the pcr leader; body: JSON object, the {@code data} of a {@code pcr_update}. */
  public static final String PCR_UPDATE = "pcr.update";
  /** publish by the pcr leader; body: JSON object, per-strike CE/PE OI, OI change and max pain. */
  public static final String PCR_OI_BY_STRIKE = "pcr.oi-by-strike";
  /**
   * publish by the pcr leader of an underlying+expiry, rate-limited; body: JSON object, the chain's analytics:
   * ATM IV at the forward, 25-delta risk reversal and butterfly, the smile, ATM straddle and implied move,
   * gamma exposure by strike, total and zero-gamma level (the {@code chain_analytics} data).
   */
  public static final String CHAIN_ANALYTICS = "chain.analytics";
  /**
   * publish, on every change and periodically; body: JSON object
   * ({@link org.optionstream.common.json.FeedStatus}).
   */
  public static final String FEED_STATUS = "feed.status";
  /**
   * request-reply; body {@code {}} or {@code {symbol, expiry}}; reply: JSON array of the latest
   * {@code greeks_update} data per instrument held by the answering greeks process.
   */
  public static final String GREEKS_SNAPSHOT = "greeks.snapshot";
  /**
   * request-reply; reply: JSON object {@code {"pcr": [pcr_update data...], "oiByStrike": [oi-by-strike
   * bodies...], "analytics": [chain_analytics data...]}}, one entry of each per underlying+expiry the
   * answering pcr instance has seen.
   */
  public static final String PCR_SNAPSHOT = "pcr.snapshot";
  /**
   * request-reply; body {@code {symbol, expiry?}}: ask the feed to track another underlying or expiry;
   * fails with code 400 and a reason for one it cannot track.
   */
  public static final String FEED_SUBSCRIBE = "feed.subscribe";
  /** request-reply; reply: the current {@code feed.status} body (for late joiners). */
  public static final String FEED_STATUS_QUERY = "feed.status.query";

  /**
   * request-reply to the history stage; request: {@code {key, from, to, every?}} (times ISO-8601 with
   * offset or epoch ms, {@code every} a bucket such as {@code 1m}); reply: one instrument's price, IV,
   * Greeks and OI over time. A bad or too large request fails with code 400 and the reason.
   */
  public static final String HISTORY_GREEKS = "history.greeks";
  /** request-reply; request {@code {symbol, expiry, from, to, every}}: ATM strike, IV, straddle, forward, spot over time. */
  public static final String HISTORY_ATM = "history.atm";
  /** request-reply; request {@code {symbol, expiry, from, to, every?}}: PCR, volume PCR, max pain over time. */
  public static final String HISTORY_PCR = "history.pcr";
  /** request-reply; request {@code {symbol, expiry, at}}: the whole chain as it was at that instant. */
  public static final String HISTORY_CHAIN = "history.chain";
  /** request-reply; request {@code {symbol, days}}: today's ATM IV ranked against the last {@code days} days. */
  public static final String HISTORY_IV_RANK = "history.iv-rank";
  /** publish by the history stage, every few seconds: rows written, dropped, spooled, write lag. */
  public static final String HISTORY_STATUS = "history.status";

  /**
   * publish by the alerts member that evaluates the rule, once per firing; body: JSON object
   * {@code {id, ruleId, ruleName, metric, op, value, threshold, subject, firedAtMs, exchangeTimeMs, rule}}.
   */
  public static final String ALERTS_FIRED = "alerts.fired";
  /**
   * request-reply; body: a rule (JSON object, schema in README "Alerts"); reply: the stored rule with its
   * {@code id}. An invalid rule fails with code 400 and {@code <field>: <reason>}.
   */
  public static final String ALERTS_RULES_CREATE = "alerts.rules.create";
  /** request-reply; body {@code {}}; reply: JSON array of every rule. */
  public static final String ALERTS_RULES_LIST = "alerts.rules.list";
  /** request-reply; body {@code {id}}; reply: the rule with its state; fails with code 404 when unknown. */
  public static final String ALERTS_RULES_GET = "alerts.rules.get";
  /** request-reply; body {@code {id}}; reply: the deleted rule; fails with code 404 when unknown. */
  public static final String ALERTS_RULES_DELETE = "alerts.rules.delete";
  /** publish by the alerts member that stored the change; body {@code {change: created|deleted, rule}}. */
  public static final String ALERTS_RULES_CHANGED = "alerts.rules.changed";
  /**
   * request-reply; body {@code {from?, to?, limit?}} (epoch ms); reply: {@code {from, to, firings:[alerts.fired
   * bodies, oldest first]}}; a bad range fails with code 400.
   */
  public static final String ALERTS_FIRED_QUERY = "alerts.fired.query";

  private Addresses() {
  }
}
