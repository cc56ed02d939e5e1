package org.optionstream.journal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.optionstream.upstox.proto.FeedResponse;

/**
 * What a journal holds: its time range (receive times of its market records), records by kind, the
 * instruments its frames name, the frames that are not Upstox V3 protobuf, the silences longer than a gap
 * threshold, and the damaged stretches.
 *
 * @param firstMicros     receive time of the first market record, epoch µs (0 when there is none)
 * @param lastMicros      receive time of the last market record, epoch µs
 * @param byKind          good records by kind
 * @param instruments     distinct instrument keys named by the WebSocket frames
 * @param undecodable     WebSocket frames that are not a V3 {@code FeedResponse}
 * @param connections     distinct socket connections the frames came on
 * @param gaps            silences between consecutive market records longer than the threshold (the first 50)
 * @param gapCount        all such silences
 * @param damaged         damaged stretches skipped
 * @param damagedBytes    bytes in them
 * @param damage          the first of them
 */
public record JournalSummary(Path file, long firstMicros, long lastMicros, Map<RecordKind, Long> byKind,
                             int instruments, long undecodable, int connections, List<Gap> gaps, long gapCount,
                             long damaged, long damagedBytes, List<JournalReader.Damage> damage) {

  /** A silence: no market record received between {@code fromMicros} and {@code toMicros} (epoch µs). */
  public record Gap(long fromMicros, long toMicros) {
    public long millis() {
      return (toMicros - fromMicros) / 1000;
    }
  }

  private static final int GAPS_KEPT = 50;

  /** Reads the whole of {@code file}; silences longer than {@code gapMs} count as gaps. */
  public static JournalSummary of(Path file, long gapMs) throws IOException {
    Map<RecordKind, Long> byKind = new EnumMap<>(RecordKind.class);
    Set<String> keys = new HashSet<>();
    Set<Integer> connections = new HashSet<>();
    List<Gap> gaps = new ArrayList<>();
    long gapCount = 0;
    long undecodable = 0;
    long first = 0;
    long last = 0;
    try (JournalReader reader = JournalReader.open(file)) {
      for (JournalRecord r = reader.next(); r != null; r = reader.next()) {
        byKind.merge(r.kind(), 1L, Long::sum);
        if (r.kind().setup()) {
          continue;
        }
        long t = r.receivedAtMicros();
        if (first == 0) {
          first = t;
        } else if (t - last > gapMs * 1000) {
          gapCount++;
          if (gaps.size() < GAPS_KEPT) {
            gaps.add(new Gap(last, t));
          }
        }
        last = Math.max(last, t);
        if (r.kind() == RecordKind.WS_FRAME) {
          connections.add(r.connection());
          try {
            keys.addAll(FeedResponse.parseFrom(r.payload()).getFeedsMap().keySet());
          } catch (IOException | RuntimeException notProtobuf) {
            undecodable++;
          }
        }
      }
      return new JournalSummary(file, first, last, byKind, keys.size(), undecodable, connections.size(), gaps, gapCount,
          reader.damaged(), reader.damagedBytes(), reader.damage());
    }
  }

  /** The summary as the CLI prints it. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    out.add("journal:      " + file);
    out.add(firstMicros == 0 ? "time range:   no market records"
        : "time range:   " + JournalTimes.ist(firstMicros) + " .. " + JournalTimes.ist(lastMicros)
          + " (" + (lastMicros - firstMicros) / 1_000_000 + " s)");
    out.add("frames:       " + byKind.getOrDefault(RecordKind.WS_FRAME, 0L) + " (" + undecodable + " not V3 protobuf) over "
        + connections + " connection(s)");
    out.add("rest:         " + byKind.getOrDefault(RecordKind.OPTION_CHAIN, 0L) + " option chains polled, "
        + byKind.getOrDefault(RecordKind.CENTRE_CHAIN, 0L) + " for previous-day OI, "
        + byKind.getOrDefault(RecordKind.INDEX_PRICE, 0L) + " index prices");
    out.add("setup:        " + byKind.getOrDefault(RecordKind.SESSION, 0L) + " session, "
        + byKind.getOrDefault(RecordKind.INSTRUMENTS, 0L) + " instruments master, "
        + byKind.getOrDefault(RecordKind.TRACK, 0L) + " tracked while running");
    out.add("instruments:  " + instruments);
    out.add("gaps:         " + gapCount);
    for (Gap g : gaps) {
      out.add("  " + JournalTimes.ist(g.fromMicros()) + " .. " + JournalTimes.ist(g.toMicros()) + " (" + g.millis() + " ms)");
    }
    out.add("damaged:      " + damaged + " stretch(es), " + damagedBytes + " bytes skipped");
    for (JournalReader.Damage d : damage) {
      out.add("  at byte " + d.offset() + ", " + d.bytes() + " bytes: " + d.reason());
    }
    return out;
  }
}
