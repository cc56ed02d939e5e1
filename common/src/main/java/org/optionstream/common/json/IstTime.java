package org.optionstream.common.json;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Indian Standard Time conventions of the public messages: timestamps are ISO-8601 with the
 * +05:30 offset and milliseconds ({@code 2025-11-20T09:15:01.123+05:30}); expiries are ISO dates.
 */
public final class IstTime {

  public static final ZoneOffset IST_OFFSET = ZoneOffset.ofHoursMinutes(5, 30);
  public static final ZoneId IST = ZoneId.of("Asia/Kolkata");

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

  private IstTime() {
  }

  /** ISO-8601 timestamp in IST with milliseconds, e.g. {@code 2025-11-20T09:15:01.123+05:30}. */
  public static String timestamp(long epochMillis) {
    return TIMESTAMP.format(OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), IST_OFFSET));
  }

  /** Parses a timestamp written by {@link #timestamp(long)} back to epoch milliseconds. */
  public static long parseTimestamp(String timestamp) {
    return OffsetDateTime.parse(timestamp, TIMESTAMP).toInstant().toEpochMilli();
  }

  /** The ISO date ({@code 2025-11-27}) of an epoch day. */
  public static String date(int epochDay) {
    return LocalDate.ofEpochDay(epochDay).toString();
  }

  /** The epoch day of an ISO date. */
  public static int epochDay(String isoDate) {
    return (int) LocalDate.parse(isoDate).toEpochDay();
  }
}
