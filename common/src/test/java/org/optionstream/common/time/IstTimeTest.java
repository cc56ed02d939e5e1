package org.optionstream.common.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The per-second cached timestamp writer agrees with java.time's formatter everywhere. */
class IstTimeTest {

  private static final DateTimeFormatter REFERENCE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

  private static String reference(long epochMillis) {
    return REFERENCE.format(OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), IstTime.IST_OFFSET));
  }

  @Test
  void matchesJavaTimeForRandomInstantsAndAcrossSecondAndDayBoundaries() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 20_000; i++) {
      long t = random.nextLong(0, 4_102_444_800_000L); // 1970..2100
      assertThat(IstTime.timestamp(t)).isEqualTo(reference(t));
      assertThat(IstTime.parseTimestamp(IstTime.timestamp(t))).isEqualTo(t);
    }
    long midnightIst = IstTime.parseTimestamp("2025-11-20T00:00:00.000+05:30");
    for (long t = midnightIst - 1500; t <= midnightIst + 1500; t += 7) {
      assertThat(IstTime.timestamp(t)).isEqualTo(reference(t));
    }
    assertThat(IstTime.timestamp(midnightIst + 5)).isEqualTo("2025-11-20T00:00:00.005+05:30");
    assertThat(IstTime.timestamp(midnightIst - 1)).isEqualTo("2025-11-19T23:59:59.999+05:30");
  }

  @Test
  void epochDayOfAnIsoDateMatchesJavaTimeAndRefusesWhatIsNotADate() {
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 100_000; i++) {
      LocalDate date = LocalDate.ofEpochDay(random.nextInt(-20_000, 80_000));
      assertThat(IstTime.epochDay(date.toString())).as(date.toString()).isEqualTo(date.toEpochDay());
    }
    for (String bad : new String[] {"2025-02-30", "2025-13-01", "2025-1-011", "20251127", "2025-11-2x", ""}) {
      assertThatThrownBy(() -> IstTime.epochDay(bad)).as(bad).isInstanceOf(DateTimeException.class);
    }
  }
}
