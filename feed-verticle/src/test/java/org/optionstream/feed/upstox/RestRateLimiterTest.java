package org.optionstream.feed.upstox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Upstox's REST limits kept over a simulated 40 minutes of an over-eager poller (a clock of the test's own). */
class RestRateLimiterTest {

  private final AtomicLong clock = new AtomicLong(1_763_600_000_000L);
  private final RestRateLimiter limiter = new RestRateLimiter(RestRateLimiter.UPSTOX, clock::get);

  /** Makes one call as the feed would: wait what the limiter says, then go. */
  private long call() {
    long wait = limiter.delayMs();
    clock.addAndGet(wait);
    assertThat(limiter.delayMs()).as("nothing to wait once the wait is over").isZero();
    limiter.record();
    return clock.get();
  }

  @Test
  void sixExpiriesPolledEvery100MsStayInsideEveryWindowForFortyMinutes() {
    List<Long> calls = new ArrayList<>();
    long end = clock.get() + 40 * 60_000L;
    while (clock.get() < end) {
      for (int expiry = 0; expiry < 6; expiry++) {
        calls.add(call());
      }
      clock.addAndGet(100);
    }
    for (RestRateLimiter.Window w : RestRateLimiter.UPSTOX) {
      int i = 0;
      for (int j = 0; j < calls.size(); j++) {
        while (calls.get(j) - calls.get(i) >= w.lengthMs()) {
          i++;
        }
        assertThat(j - i + 1).as("calls within %d ms ending with call %d", w.lengthMs(), j).isLessThanOrEqualTo(w.maxCalls());
      }
    }
    // and it is no slower than the tightest window demands: 2000 calls in each 30 minutes
    assertThat(calls).hasSizeBetween(2 * 2_000, 2 * 2_000 + 500);
  }

  @Test
  void retryAfterHoldsTheNextCall() {
    call();
    limiter.pauseUntil(clock.get() + 2_000);
    assertThat(limiter.delayMs()).isEqualTo(2_000);
    long next = call();
    assertThat(next).isEqualTo(limiter.pausedUntilMs());
  }

  @Test
  void retryAfterIsReadAsSecondsOrAnHttpDate() {
    assertThat(UpstoxRest.retryAfterSeconds("3")).isEqualTo(3);
    assertThat(UpstoxRest.retryAfterSeconds(null)).isEqualTo(1);
    assertThat(UpstoxRest.retryAfterSeconds("soon")).isEqualTo(1);
    String inTenSeconds = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
        .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(10));
    assertThat(UpstoxRest.retryAfterSeconds(inTenSeconds)).isBetween(9L, 11L);
  }
}
