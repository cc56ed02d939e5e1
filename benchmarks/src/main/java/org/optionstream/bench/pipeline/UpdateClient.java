package org.optionstream.bench.pipeline;

import io.vertx.core.Future;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
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
 * counts as {@code stale} (an ordering bug: consumers keep newest-wins). While recording it also keeps,
 * per instrument, the longest time between two of its updates ({@link #silences}). Thread-safe: the
 * frame handler and the harness's snapshots synchronise on this object.
 */
final class UpdateClient {

  /** The per-instrument state and counters of one client at one moment. */
  record Snapshot(Map<String, Long> newestSequence, long greeksFrames, long otherFrames, long bytes, long gaps,
      long stale) {
  }

  /** The instrument that went longest without an update during a recorded window, and for how long (ms). */
  record Silence(String instrumentKey, double millis) {

    /**
     * Of the instruments in {@code newestSequence} (what the feed had sent for each by the end of the window and
     * its drain), the longest silence any client saw: the longest time between two of its updates in the
     * window with ticks skipped between them, and, when the client did not yet hold the instrument's newest
     * update at the window's end, the time since its last one. An instrument that did not tick is not silent.
     */
    static Silence longest(List<Map<String, InstrumentSilence>> clients, Map<String, Long> newestSequence) {
      Silence worst = new Silence(null, 0);
      for (Map<String, InstrumentSilence> client : clients) {
        for (Map.Entry<String, Long> offered : newestSequence.entrySet()) {
          InstrumentSilence seen = client.get(offered.getKey());
          if (seen == null) {
            continue;
          }
          double millis = offered.getValue() > seen.sequence() ? Math.max(seen.gapMillis(), seen.tailMillis())
              : seen.gapMillis();
          if (millis > worst.millis()) {
            worst = new Silence(offered.getKey(), millis);
          }
        }
      }
      return worst;
    }
  }

  /**
   * One instrument at the end of a recorded window: the longest time between two of its updates in the window
   * whose sequences are not consecutive, the time since its last update, and the newest sequence received (ms,
   * ms, sequence).
   */
  record InstrumentSilence(double gapMillis, double tailMillis, long sequence) {
  }

  private static final int SEQUENCE = 0;
  private static final int LAST_ARRIVAL_NANOS = 1;
  private static final int LONGEST_SILENCE_NANOS = 2;

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

  /** Turns recording on (from now, every instrument's silence is measured afresh) or off. */
  void recording(boolean on) {
    if (on) {
      long now = System.nanoTime();
      synchronized (this) {
        for (long[] held : newest.values()) {
          held[LAST_ARRIVAL_NANOS] = now;
          held[LONGEST_SILENCE_NANOS] = 0;
        }
      }
    }
    recording = on;
  }

  /** Per instrument this client has received, its silences at {@code endNanos} ({@link System#nanoTime()}). */
  synchronized Map<String, InstrumentSilence> silences(long endNanos) {
    Map<String, InstrumentSilence> out = new HashMap<>(newest.size() * 2);
    newest.forEach((key, held) -> out.put(key, new InstrumentSilence(held[LONGEST_SILENCE_NANOS] / 1e6,
        (endNanos - held[LAST_ARRIVAL_NANOS]) / 1e6, held[SEQUENCE])));
    return out;
  }

  Future<Void> close() {
    return socket == null ? Future.succeededFuture() : socket.close();
  }

  private void onText(String text) {
    long receivedMicros = wallClockMicros();
    long receivedNanos = System.nanoTime();
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
        newest.put(instrument, new long[] {sequence, receivedNanos, 0});
        return;
      }
      if (recording && sequence > held[SEQUENCE] + 1) {
        // ticks of this instrument were made meanwhile and did not arrive (conflated, shed): the wait was the
        // system's; an instrument that did not tick (a re-centred window) is not silent
        held[LONGEST_SILENCE_NANOS] = Math.max(held[LONGEST_SILENCE_NANOS], receivedNanos - held[LAST_ARRIVAL_NANOS]);
      }
      held[LAST_ARRIVAL_NANOS] = receivedNanos;
      if (sequence > held[SEQUENCE]) {
        gaps += sequence - held[SEQUENCE] - 1;
        held[SEQUENCE] = sequence;
      } else {
        stale++;
      }
    }
  }

  synchronized Snapshot snapshot() {
    Map<String, Long> copy = new HashMap<>(newest.size() * 2);
    newest.forEach((k, v) -> copy.put(k, v[SEQUENCE]));
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
