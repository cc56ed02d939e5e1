package org.optionstream.gateway.guard;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What clients sent that the gateway refused, counted per kind in
 * {@code optionstream.gateway.bad.input{kind}} and logged at most once per kind per interval: the first
 * one of an interval with its detail, and with it how many of that kind came since the previous line.
 * Never a stack trace: a flood of bad input costs a counter increment each, not a log line each.
 * The counts since start are also in {@code /api/status} ({@code gateway.badInput}). Thread-safe.
 */
public final class BadInputLog {

  private static final Logger LOG = LoggerFactory.getLogger(BadInputLog.class);

  /** Every kind of refused input (the metric's {@code kind} tag takes only these values). */
  public enum Kind {
    /** An HTTP method outside the standard nine. */
    UNKNOWN_METHOD("unknown-method"),
    /** A standard method the path does not serve. */
    METHOD_NOT_ALLOWED("method-not-allowed"),
    /** A request the HTTP decoder could not read (bad request line, headers, chunking). */
    MALFORMED_REQUEST("malformed-request"),
    /** A request line longer than the decoder takes. */
    URI_TOO_LONG("uri-too-long"),
    /** Request headers larger than the decoder takes. */
    HEADERS_TOO_LARGE("headers-too-large"),
    /** A request body over {@code GATEWAY_MAX_BODY_BYTES}. */
    BODY_TOO_LARGE("body-too-large"),
    /** A browser origin not allowed by {@code GATEWAY_ALLOWED_ORIGINS}. */
    ORIGIN_REFUSED("origin-refused"),
    /** A request on a connection over the connection caps. */
    OVER_CONNECTION_LIMIT("over-connection-limit"),
    /** A connection that sent no request head within the handshake timeout. */
    HANDSHAKE_TIMEOUT("handshake-timeout"),
    /** A WebSocket frame that inflates beyond the frame limit. */
    WEBSOCKET_FRAME_TOO_LARGE("websocket-frame-too-large"),
    /** A WebSocket that did not answer a ping within one interval. */
    WEBSOCKET_UNANSWERED_PING("websocket-unanswered-ping"),
    /** An event-bus bridge frame of the wrong shape. */
    BRIDGE_FRAME("bridge-frame");

    private final String tag;

    Kind(String tag) {
      this.tag = tag;
    }

    /** The metric tag value. */
    public String tag() {
      return tag;
    }
  }

  private final long intervalMs;
  private final Map<Kind, Counter> counters = new EnumMap<>(Kind.class);
  private final Map<Kind, AtomicLong> totals = new EnumMap<>(Kind.class);
  private final Map<Kind, AtomicLong> sinceLogged = new EnumMap<>(Kind.class);
  private final Map<Kind, AtomicLong> loggedAtMs = new EnumMap<>(Kind.class);

  /** @param intervalMs least time between two log lines of one kind, milliseconds */
  public BadInputLog(MeterRegistry registry, long intervalMs) {
    this.intervalMs = intervalMs;
    for (Kind kind : Kind.values()) {
      counters.put(kind, Counter.builder("optionstream.gateway.bad.input").tag("kind", kind.tag())
          .description("client input the gateway refused, by kind").register(registry));
      totals.put(kind, new AtomicLong());
      sinceLogged.put(kind, new AtomicLong());
      loggedAtMs.put(kind, new AtomicLong(Long.MIN_VALUE / 2));
    }
  }

  /**
   * Counts one refused input of {@code kind}; logs it when no line of this kind was logged within the
   * interval.
   *
   * @param detail what was wrong and who sent it, short (the peer's own text abbreviated)
   */
  public void record(Kind kind, String detail) {
    counters.get(kind).increment();
    totals.get(kind).incrementAndGet();
    sinceLogged.get(kind).incrementAndGet();
    long now = System.currentTimeMillis();
    AtomicLong last = loggedAtMs.get(kind);
    long previous = last.get();
    if (now - previous >= intervalMs && last.compareAndSet(previous, now)) {
      long n = sinceLogged.get(kind).getAndSet(0);
      LOG.warn("refused {}: {} ({} of this kind since the last such line; at most one line per {} s)",
          kind.tag(), detail, n, intervalMs / 1000);
    }
  }

  /** Refused inputs since this gateway started, per kind tag, the kinds seen only. */
  public Map<String, Long> counts() {
    Map<String, Long> seen = new LinkedHashMap<>();
    totals.forEach((kind, n) -> {
      if (n.get() > 0) {
        seen.put(kind.tag(), n.get());
      }
    });
    return seen;
  }

  /** At most the first {@code 60} characters of a peer's text, for log lines and error answers. */
  public static String abbreviate(String text) {
    if (text == null) {
      return "null";
    }
    return text.length() <= 60 ? text : text.substring(0, 60) + "...";
  }
}
