package org.optionstream.journal;

import java.nio.charset.StandardCharsets;

/**
 * One journal record.
 *
 * @param kind             what it holds
 * @param receivedAtMicros when the feed received it, wall clock, epoch µs
 * @param connection       the socket it came on ({@link JournalFormat#connectionId}); {@link
 * JournalFormat#NO_CONNECTION} for REST and setup records
 * @param payload          the bytes exactly as received (never copied again by the journal)
 */
public record JournalRecord(RecordKind kind, long receivedAtMicros, int connection, byte[] payload) {

  /** A record whose payload is UTF-8 text (the JSON kinds). */
  public static JournalRecord text(RecordKind kind, long receivedAtMicros, String text) {
    return new JournalRecord(kind, receivedAtMicros, JournalFormat.NO_CONNECTION, text.getBytes(StandardCharsets.UTF_8));
  }

  public String payloadText() {
    return new String(payload, StandardCharsets.UTF_8);
  }

  /** Bytes this record takes in a file, its header included. */
  public int sizeOnDisk() {
    return JournalFormat.RECORD_HEADER_BYTES + JournalFormat.BODY_PREFIX_BYTES + payload.length;
  }
}
