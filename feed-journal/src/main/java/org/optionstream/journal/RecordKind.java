package org.optionstream.journal;

/**
 * What a journal record holds; its code is the record's first body byte. Setup records ({@link #SESSION},
 * {@link #INSTRUMENTS}) describe the session and are written again at the top of every day's file, so each
 * file replays on its own; the others are market input in the order it arrived.
 */
public enum RecordKind {
  /** UTF-8 JSON: what the feed tracked and on which trading day ({@code source, underlying, expiries, windowPoints,
   * recentreSteps, todayEpochDay}). */
  SESSION(1, true),
  /** The instruments master exactly as downloaded (gzipped JSON). */
  INSTRUMENTS(2, true),
  /** One WebSocket frame exactly as received (V3 protobuf {@code FeedResponse}, or the text of a text frame). */
  WS_FRAME(3, false),
  /** UTF-8 JSON: one REST option-chain answer polled while the socket was down, {@code {use: poll, underlyingKey,
   * expiry, data: [rows]}}. */
  OPTION_CHAIN(4, false),
  /** UTF-8 JSON: the index's last price from the REST LTP call at start, {@code {symbol, instrumentKey, price}}. */
  INDEX_PRICE(5, false),
  /** UTF-8 JSON: an underlying or expiry tracked while running ({@code feed.subscribe}), {@code {symbol, expiry}}. */
  TRACK(6, false),
  /**
   * UTF-8 JSON: an option-chain answer used only to learn each contract's state (previous-day OI) when an expiry
   * starts being tracked, {@code {use: centre, underlyingKey, expiry, data: [rows]}}.
   */
  CENTRE_CHAIN(7, false);

  private final int code;
  private final boolean setup;

  RecordKind(int code, boolean setup) {
    this.code = code;
    this.setup = setup;
  }

  public int code() {
    return code;
  }

  /** True for records that describe the session rather than carry market input. */
  public boolean setup() {
    return setup;
  }

  /** True for market input that a time range (a replay's or a cut's) leaves out when outside it; the rest is always kept. */
  public boolean timed() {
    return this == WS_FRAME || this == OPTION_CHAIN;
  }

  /** The kind with {@code code}, or null for a code this version does not know. */
  public static RecordKind of(int code) {
    for (RecordKind k : values()) {
      if (k.code == code) {
        return k;
      }
    }
    return null;
  }
}
