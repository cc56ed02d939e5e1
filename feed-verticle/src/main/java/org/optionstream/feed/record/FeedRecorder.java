package org.optionstream.feed.record;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.optionstream.journal.JournalFormat;
import org.optionstream.journal.JournalRecord;
import org.optionstream.journal.JournalRecorder;
import org.optionstream.journal.RecordKind;

/**
 * What the feed hands to its journal ({@code FEED_RECORD_DIR}): every WebSocket frame as received, every REST
 * answer it used (option chains, the index's last price), what it tracked, and, once per session, its
 * settings and the instruments master. Each call only queues (a copy of) the bytes for the
 * {@link JournalRecorder}'s own thread, so the event loop never waits for the disk; a full queue drops and
 * counts. {@link #OFF} records nothing. Meters, tagged {@code source}: {@code optionstream.feed.journal.written},
 * {@code .dropped}, {@code .failed} (records) and gauges {@code .queued.bytes}, {@code .written.bytes}.
 */
public class FeedRecorder {

  /** Records nothing. */
  public static final FeedRecorder OFF = new FeedRecorder();

  /** Chain answers used only to learn state (previous-day OI) at start or on {@code feed.subscribe}. */
  public static final String CHAIN_CENTRE = "centre";
  /** Chain answers polled while the socket is down; their rows become ticks. */
  public static final String CHAIN_POLL = "poll";

  private FeedRecorder() {
  }

  /** A recorder writing to {@code journal}, its meters in {@code registry} tagged {@code tags}. */
  public static FeedRecorder to(JournalRecorder journal, MeterRegistry registry, Tags tags) {
    return new Recording(journal, registry, tags);
  }

  public boolean on() {
    return false;
  }

  /** The session's settings (tracking, trading day) and the instruments master exactly as downloaded. */
  public void session(JsonObject settings, byte[] instrumentsGzip, long receivedAtMicros) {
  }

  /** One WebSocket frame as received on connection {@code connection} ({@link JournalFormat#connectionId}). */
  public void frame(Buffer frame, long receivedAtMicros, int connection) {
  }

  /** One REST option-chain answer, used as {@code use} ({@link #CHAIN_CENTRE} or {@link #CHAIN_POLL}). */
  public void chain(String use, String underlyingKey, String expiry, JsonArray rows, long receivedAtMicros) {
  }

  /** The index's last price as the REST LTP call answered it. */
  public void indexPrice(String symbol, String instrumentKey, double price, long receivedAtMicros) {
  }

  /** An underlying and expiry tracked while running. */
  public void track(String symbol, String expiry, long receivedAtMicros) {
  }

  /** Writes what is queued and stops (blocking: call off the event loop). */
  public void close() {
  }

  private static final class Recording extends FeedRecorder {
    private final JournalRecorder journal;
    private final MeterRegistry registry;
    private final List<Meter> meters;

    Recording(JournalRecorder journal, MeterRegistry registry, Tags tags) {
      this.journal = journal;
      this.registry = registry;
      this.meters = List.of(
          FunctionCounter.builder("optionstream.feed.journal.written", journal, JournalRecorder::written).tags(tags)
              .description("records written to the feed journal").register(registry),
          FunctionCounter.builder("optionstream.feed.journal.dropped", journal, JournalRecorder::dropped).tags(tags)
              .description("records dropped because the journal's disk did not keep up").register(registry),
          FunctionCounter.builder("optionstream.feed.journal.failed", journal, JournalRecorder::failed).tags(tags)
              .description("records lost to a failed write").register(registry),
          Gauge.builder("optionstream.feed.journal.queued.bytes", journal, JournalRecorder::queuedBytes).tags(tags)
              .description("bytes waiting for the journal's disk").strongReference(true).register(registry),
          Gauge.builder("optionstream.feed.journal.written.bytes", journal, JournalRecorder::writtenBytes).tags(tags)
              .description("bytes written to the journal").strongReference(true).register(registry));
    }

    @Override
    public boolean on() {
      return true;
    }

    @Override
    public void session(JsonObject settings, byte[] instrumentsGzip, long receivedAtMicros) {
      journal.offer(JournalRecord.text(RecordKind.SESSION, receivedAtMicros, settings.encode()));
      journal.offer(new JournalRecord(RecordKind.INSTRUMENTS, receivedAtMicros, JournalFormat.NO_CONNECTION, instrumentsGzip));
    }

    @Override
    public void frame(Buffer frame, long receivedAtMicros, int connection) {
      journal.offer(new JournalRecord(RecordKind.WS_FRAME, receivedAtMicros, connection, frame.getBytes()));
    }

    @Override
    public void chain(String use, String underlyingKey, String expiry, JsonArray rows, long receivedAtMicros) {
      RecordKind kind = CHAIN_POLL.equals(use) ? RecordKind.OPTION_CHAIN : RecordKind.CENTRE_CHAIN;
      journal.offer(JournalRecord.text(kind, receivedAtMicros, new JsonObject().put("use", use)
          .put("underlyingKey", underlyingKey).put("expiry", expiry).put("data", rows).encode()));
    }

    @Override
    public void indexPrice(String symbol, String instrumentKey, double price, long receivedAtMicros) {
      journal.offer(JournalRecord.text(RecordKind.INDEX_PRICE, receivedAtMicros, new JsonObject().put("symbol", symbol)
          .put("instrumentKey", instrumentKey).put("price", price).encode()));
    }

    @Override
    public void track(String symbol, String expiry, long receivedAtMicros) {
      journal.offer(JournalRecord.text(RecordKind.TRACK, receivedAtMicros,
          new JsonObject().put("symbol", symbol).put("expiry", expiry).encode()));
    }

    @Override
    public void close() {
      journal.close();
      meters.forEach(registry::remove);
    }
  }
}
