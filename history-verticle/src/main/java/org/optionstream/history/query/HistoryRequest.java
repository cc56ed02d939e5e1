package org.optionstream.history.query;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and checks the parameters of a history request (a JSON object of strings, as the gateway forwards a
 * query string, or of numbers). Anything malformed or out of bounds is a {@link BadRequestException} whose
 * message is the reason given to the client. Only values admitted here ever reach SQL.
 */
public final class HistoryRequest {

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_|:.\\- ]{1,64}");
  private static final Pattern SYMBOL = Pattern.compile("[A-Za-z0-9&_.\\-]{1,32}");
  private static final Pattern EPOCH_MS = Pattern.compile("\\d{1,15}");
  private static final Pattern EVERY = Pattern.compile("(\\d{1,5})([smhd])");

  private final JsonObject params;

  public HistoryRequest(JsonObject params) {
    this.params = params == null ? new JsonObject() : params;
  }

  /** An instrument key such as {@code NSE_FO|43885}. */
  public String key() {
    return matching("key", KEY, "an instrument key such as NSE_FO|43885");
  }

  /** An underlying such as {@code NIFTY}. */
  public String symbol() {
    return matching("symbol", SYMBOL, "an underlying such as NIFTY");
  }

  /** An expiry date, {@code yyyy-MM-dd}. */
  public String expiry() {
    String text = required("expiry");
    try {
      return LocalDate.parse(text).toString();
    } catch (DateTimeParseException e) {
      throw new BadRequestException("expiry must be a date such as 2025-11-27, got '" + text + "'");
    }
  }

  /** A time given as epoch milliseconds or ISO-8601 with an offset; epoch milliseconds. */
  public long time(String name) {
    String text = required(name);
    if (EPOCH_MS.matcher(text).matches()) {
      return Long.parseLong(text);
    }
    try {
      return OffsetDateTime.parse(text).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new BadRequestException(name + " must be epoch milliseconds or ISO-8601 with an offset"
          + " (2025-11-20T09:15:00+05:30), got '" + text + "'");
    }
  }

  /** {@code from} and {@code to}, checked: from before to, the range at most {@code maxRangeMs}. */
  public TimeRange range(long maxRangeMs, String limitName) {
    long from = time("from");
    long to = time("to");
    if (from >= to) {
      throw new BadRequestException("from must be before to");
    }
    if (to - from > maxRangeMs) {
      throw new BadRequestException("the range from-to is longer than " + describe(maxRangeMs) + " (" + limitName
          + "): ask a shorter range" + ("HISTORY_MAX_RAW_RANGE_MS".equals(limitName) ? " or give every" : ""));
    }
    return new TimeRange(from, to);
  }

  /** True when {@code every} was given. */
  public boolean hasEvery() {
    return text("every") != null;
  }

  /**
   * The bucket {@code every} ({@code 30s}, {@code 1m}, {@code 1h}, {@code 1d}; at least one second) for the
   * range, which it may cut into at most {@code maxBuckets} buckets.
   */
  public Bucket every(TimeRange range, long maxBuckets) {
    String text = required("every");
    Matcher m = EVERY.matcher(text);
    if (!m.matches() || Long.parseLong(m.group(1)) < 1) {
      throw new BadRequestException("every must be a number and a unit s, m, h or d (30s, 1m, 1h), got '" + text + "'");
    }
    long amount = Long.parseLong(m.group(1));
    long unitMs = switch (m.group(2)) {
      case "s" -> 1_000L;
      case "m" -> 60_000L;
      case "h" -> 3_600_000L;
      default -> 86_400_000L;
    };
    Bucket bucket = new Bucket(amount + m.group(2), amount * unitMs);
    long buckets = (range.to() - range.from() + bucket.ms() - 1) / bucket.ms();
    if (buckets > maxBuckets) {
      throw new BadRequestException("from-to at every=" + text + " makes " + buckets + " buckets, more than "
          + maxBuckets + " (HISTORY_MAX_BUCKETS): ask a larger every or a shorter range");
    }
    return bucket;
  }

  /** A whole number parameter between {@code min} and {@code max}. */
  public int whole(String name, int min, int max) {
    String text = required(name);
    try {
      int value = Integer.parseInt(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // the message below says what is expected
    }
    throw new BadRequestException(name + " must be a whole number from " + min + " to " + max + ", got '" + text + "'");
  }

  private String matching(String name, Pattern pattern, String what) {
    String text = required(name);
    if (!pattern.matcher(text).matches()) {
      throw new BadRequestException(name + " must be " + what + ", got '" + text + "'");
    }
    return text;
  }

  private String required(String name) {
    String text = text(name);
    if (text == null) {
      throw new BadRequestException(name + " is required");
    }
    return text;
  }

  private String text(String name) {
    Object value = params.getValue(name);
    if (value == null) {
      return null;
    }
    String text = value.toString().trim();
    return text.isEmpty() ? null : text;
  }

  private static String describe(long ms) {
    if (ms % 86_400_000L == 0) {
      return ms / 86_400_000L + " d";
    }
    if (ms % 3_600_000L == 0) {
      return ms / 3_600_000L + " h";
    }
    return ms + " ms";
  }

  /** A time range, epoch milliseconds, {@code from} inclusive, {@code to} exclusive. */
  public record TimeRange(long from, long to) {
  }

  /** A bucket of SAMPLE BY: its text ({@code 1m}) and length in milliseconds. */
  public record Bucket(String text, long ms) {
  }
}
