package org.optionstream.journal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Times as the journal's tools and the replay take them, and as they print them. */
public final class JournalTimes {

  private JournalTimes() {
  }

  /**
   * {@code text} as epoch µs: epoch milliseconds, an ISO-8601 date-time with an offset
   * ({@code 2025-11-20T10:42:00+05:30}), one without (read as IST), or a time of day ({@code 10:42},
   * {@code 10:42:30}: IST on {@code day}).
   *
   * @throws IllegalArgumentException naming the accepted forms
   */
  public static long parseMicros(String text, LocalDate day) {
    String t = text.trim();
    try {
      if (t.matches("\\d{10,}")) {
        return Long.parseLong(t) * 1000;
      }
      if (t.matches("\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?")) {
        if (day == null) {
          throw new IllegalArgumentException("a time of day (" + t + ") needs the journal's day");
        }
        return micros(LocalDateTime.of(day, LocalTime.parse(t.length() == 4 ? "0" + t : t)).atZone(JournalFormat.IST).toInstant());
      }
      if (t.matches(".*([+-]\\d{2}:\\d{2}|Z)$")) {
        return micros(OffsetDateTime.parse(t).toInstant());
      }
      return micros(LocalDateTime.parse(t).atZone(JournalFormat.IST).toInstant());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a time: '" + text + "' (give epoch ms, 2025-11-20T10:42:00+05:30,"
          + " 2025-11-20T10:42:00 (IST) or 10:42[:30] (IST, on the journal's day))");
    }
  }

  /** {@code epochMicros} as an IST timestamp with milliseconds. */
  public static String ist(long epochMicros) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(Math.floorDiv(epochMicros, 1000)), JournalFormat.IST).toString();
  }

  private static long micros(Instant i) {
    return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
  }
}
