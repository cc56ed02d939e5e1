package org.optionstream.allinone.failover;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * A browser stand-in on the gateway's {@code /ws/greeks}: records when each {@code greeks_update} and
 * {@code pcr_update} arrived (monotonic nanoseconds), so a test can measure the longest silence around
 * a failure.
 */
final class StreamRecorder implements WebSocket.Listener, AutoCloseable {

  record Arrival(long atNanos, String type, String instrumentKey) {
  }

  private final ConcurrentLinkedQueue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
  private final StringBuilder partial = new StringBuilder();
  private final WebSocket socket;

  private StreamRecorder(URI uri) throws Exception {
    this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .connectTimeout(Duration.ofSeconds(5))
        .buildAsync(uri, this)
        .get(10, TimeUnit.SECONDS);
  }

  static StreamRecorder connect(int gatewayPort) throws Exception {
    return connect("127.0.0.1", gatewayPort);
  }

  static StreamRecorder connect(String gatewayHost, int gatewayPort) throws Exception {
    return new StreamRecorder(URI.create("ws://" + gatewayHost + ":" + gatewayPort + "/ws/greeks"));
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      String text = partial.toString();
      partial.setLength(0);
      long now = System.nanoTime();
      if (text.startsWith("[")) {
        new io.vertx.core.json.JsonArray(text).forEach(o -> record(now, (JsonObject) o));
      } else {
        record(now, new JsonObject(text));
      }
    }
    webSocket.request(1);
    return null;
  }

  private void record(long now, JsonObject message) {
    JsonObject data = message.getJsonObject("data");
    arrivals.add(new Arrival(now, message.getString("type", "?"), data == null ? null : data.getString("instrumentKey")));
  }

  /** Arrival times of {@code type} messages, in order. */
  List<Long> times(String type) {
    List<Long> out = new ArrayList<>();
    for (Arrival a : arrivals) {
      if (a.type().equals(type)) {
        out.add(a.atNanos());
      }
    }
    return out;
  }

  /** Instruments with a {@code greeks_update} that arrived after {@code sinceNanos}. */
  java.util.Set<String> instrumentsUpdatedSince(long sinceNanos) {
    return instrumentsUpdatedBetween(sinceNanos, Long.MAX_VALUE);
  }

  /** Instruments with a {@code greeks_update} that arrived after {@code fromNanos} and at or before {@code toNanos}. */
  java.util.Set<String> instrumentsUpdatedBetween(long fromNanos, long toNanos) {
    java.util.Set<String> keys = new java.util.TreeSet<>();
    for (Arrival a : arrivals) {
      if (a.atNanos() > fromNanos && a.atNanos() <= toNanos && "greeks_update".equals(a.type()) && a.instrumentKey() != null) {
        keys.add(a.instrumentKey());
      }
    }
    return keys;
  }

  long count(String type) {
    return times(type).size();
  }

  /**
   * The longest time, in milliseconds, without a {@code type} message between {@code fromNanos} and
   * {@code toNanos} (both ends count as boundaries).
   */
  long longestSilenceMillis(String type, long fromNanos, long toNanos) {
    long previous = fromNanos;
    long longest = 0;
    for (long t : times(type)) {
      if (t <= fromNanos) {
        continue;
      }
      if (t > toNanos) {
        break;
      }
      longest = Math.max(longest, t - previous);
      previous = t;
    }
    longest = Math.max(longest, toNanos - previous);
    return TimeUnit.NANOSECONDS.toMillis(longest);
  }

  @Override
  public void close() {
    socket.abort();
  }
}
