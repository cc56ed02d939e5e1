package org.optionstream.bench.pipeline;

import io.vertx.core.Future;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.HdrHistogram.Recorder;

/**
 * One WebSocket client of {@code /ws/greeks}, as a browser would be: for every {@code greeks_update}
 * text frame it reads {@code instrumentKey}, {@code sequence} and {@code feedReceivedAtMicros}
 * ({@link UpdateFields}) and records the tick-to-client latency, now (wall clock, µs) minus the
 * feed's receive time, into the shared {@link Recorder} while {@link #recording} is on.
 *
 * <p>Per instrument it keeps the newest sequence seen: a frame whose sequence jumps by more than one
 * adds the skipped count to {@code gaps} (updates this client never saw: conflated by the gateway or
 * lost on the way; {@link PipelineBench} tells them apart), a frame not newer than the held one
 * counts as {@code stale} (an ordering bug: consumers keep newest-wins). Thread-safe: the frame
 * handler and the harness's snapshots synchronise on this object.
 */
final class UpdateClient {

  /** The per-instrument state and counters of one client at one moment. */
  record Snapshot(Map<String, Long> newestSequence, long greeksFrames, long otherFrames, long bytes, long gaps,
      long stale) {
  }

  private final Recorder latencyMicros;
  private final Map<String, long[]> newest = new HashMap<>();
  private long greeksFrames;
  private long otherFrames;
  private long bytes;
  private long gaps;
  private long stale;
  private volatile boolean recording;
  private WebSocket socket;

  UpdateClient(Recorder latencyMicros) {
    this.latencyMicros = latencyMicros;
  }

  Future<UpdateClient> connect(WebSocketClient client, int port) {
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost("127.0.0.1")
        .setPort(port)
        .setURI("/ws/greeks");
    return client.connect(options).map(ws -> {
      socket = ws;
      ws.textMessageHandler(this::onText);
      return this;
    });
  }

  void recording(boolean on) {
    recording = on;
  }

  Future<Void> close() {
    return socket == null ? Future.succeededFuture() : socket.close();
  }

  private void onText(String text) {
    long receivedMicros = wallClockMicros();
    String type = UpdateFields.string(text, "type");
    synchronized (this) {
      bytes += text.length();
      if (!"greeks_update".equals(type)) {
        otherFrames++;
        return;
      }
      greeksFrames++;
      String instrument = UpdateFields.string(text, "instrumentKey");
      long sequence = UpdateFields.number(text, "sequence");
      long fedMicros = UpdateFields.number(text, "feedReceivedAtMicros");
      if (recording && fedMicros > 0) {
        latencyMicros.recordValue(Math.min(Math.max(0, receivedMicros - fedMicros), PipelineBench.MAX_LATENCY_MICROS));
      }
      if (instrument == null) {
        return;
      }
      long[] held = newest.get(instrument);
      if (held == null) {
        newest.put(instrument, new long[] {sequence});
      } else if (sequence > held[0]) {
        gaps += sequence - held[0] - 1;
        held[0] = sequence;
      } else {
        stale++;
      }
    }
  }

  synchronized Snapshot snapshot() {
    Map<String, Long> copy = new HashMap<>(newest.size() * 2);
    newest.forEach((k, v) -> copy.put(k, v[0]));
    return new Snapshot(copy, greeksFrames, otherFrames, bytes, gaps, stale);
  }

  synchronized long greeksFrames() {
    return greeksFrames;
  }

  /** Wall clock, epoch microseconds: the clock the feed stamps ticks with (one host, one clock). */
  static long wallClockMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }
}
