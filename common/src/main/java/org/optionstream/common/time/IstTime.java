package org.optionstream.common.time;

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
  private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

  private IstTime() {
  }

  /** The formatted second most recently asked for: ticks of one second share it. */
  private static volatile SecondPrefix lastSecond = new SecondPrefix(Long.MIN_VALUE, "");

  private record SecondPrefix(long epochSecond, String text) {
  }

  /**
   * ISO-8601 timestamp in IST with milliseconds, e.g. {@code 2025-11-20T09:15:01.123+05:30}.
   * Called for every published update: the {@code yyyy-MM-ddTHH:mm:ss} part is formatted once per
   * second and reused, so the common case only appends the milliseconds and the offset.
   */
  public static String timestamp(long epochMillis) {
    long second = Math.floorDiv(epochMillis, 1000L);
    int millis = (int) Math.floorMod(epochMillis, 1000L);
    SecondPrefix prefix = lastSecond;
    if (prefix.epochSecond() != second) {
      prefix = new SecondPrefix(second, SECOND.format(
          OffsetDateTime.ofInstant(Instant.ofEpochSecond(second), IST_OFFSET)));
      lastSecond = prefix;
    }
    StringBuilder text = new StringBuilder(29).append(prefix.text()).append('.');
    if (millis < 100) {
      text.append('0');
    }
    if (millis < 10) {
      text.append('0');
    }
    return text.append(millis).append("+05:30").toString();
  }

  /** Parses a timestamp written by {@link #timestamp(long)} back to epoch milliseconds. */
  public static long parseTimestamp(String timestamp) {
    return OffsetDateTime.parse(timestamp, TIMESTAMP).toInstant().toEpochMilli();
  }

  /** The epoch day of the IST calendar date at {@code epochMillis}. */
  public static int epochDayAt(long epochMillis) {
    return (int) Math.floorDiv(epochMillis + IST_OFFSET.getTotalSeconds() * 1000L, 86_400_000L);
  }

  /** The ISO date ({@code 2025-11-27}) of an epoch day. */
  public static String date(int epochDay) {
    return LocalDate.ofEpochDay(epochDay).toString();
  }

  /**
   * The epoch day of an ISO date ({@code 2025-11-27}). Read per update by the stages, so the plain form is
   * read digit by digit, without the formatter's parse objects; anything else goes to {@link LocalDate#parse}.
   *
   * @throws java.time.DateTimeException when {@code isoDate} is not a valid ISO date
   */
  public static int epochDay(String isoDate) {
    if (isoDate.length() == 10 && isoDate.charAt(4) == '-' && isoDate.charAt(7) == '-') {
      int year = digits(isoDate, 0, 4);
      int month = digits(isoDate, 5, 7);
      int day = digits(isoDate, 8, 10);
      if (year >= 0 && month >= 0 && day >= 0) {
        return (int) LocalDate.of(year, month, day).toEpochDay();
      }
    }
    return (int) LocalDate.parse(isoDate).toEpochDay();
  }

  /** The decimal number in {@code text[from, to)}, or -1 when a character there is not a digit. */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
