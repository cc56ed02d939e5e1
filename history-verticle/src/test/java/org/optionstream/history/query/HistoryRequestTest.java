package org.optionstream.history.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Request parameters: what is admitted, and the reason given for what is not. */
class HistoryRequestTest {

  private static HistoryRequest request(String... pairs) {
    JsonObject params = new JsonObject();
    for (int i = 0; i < pairs.length; i += 2) {
      params.put(pairs[i], pairs[i + 1]);
    }
    return new HistoryRequest(params);
  }

  @Test
  void timesAreEpochMillisOrIsoWithAnOffset() {
    assertThat(request("at", "1763610301123").time("at")).isEqualTo(1_763_610_301_123L);
    assertThat(request("at", "2025-11-20T09:15:01.123+05:30").time("at")).isEqualTo(1_763_610_301_123L);
    assertThat(request("at", "2025-11-20T03:45:01.123Z").time("at")).isEqualTo(1_763_610_301_123L);
    assertThatThrownBy(() -> request("at", "2025-11-20T09:15:01").time("at"))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("ISO-8601 with an offset");
    assertThatThrownBy(() -> request().time("at")).hasMessage("at is required");
  }

  @Test
  void rangesMustBeOrderedAndBounded() {
    assertThat(request("from", "1000", "to", "2000").range(5000, "L")).isEqualTo(new HistoryRequest.TimeRange(1000, 2000));
    assertThatThrownBy(() -> request("from", "2000", "to", "1000").range(5000, "L")).hasMessage("from must be before to");
    assertThatThrownBy(() -> request("from", "0", "to", "7200000").range(3_600_000, "HISTORY_MAX_RAW_RANGE_MS"))
        .hasMessageContaining("longer than 1 h (HISTORY_MAX_RAW_RANGE_MS)").hasMessageContaining("or give every");
  }

  @Test
  void bucketsAreAUnitAndTheirCountIsBounded() {
    HistoryRequest.TimeRange hour = new HistoryRequest.TimeRange(0, 3_600_000);
    assertThat(request("every", "1m").every(hour, 100)).isEqualTo(new HistoryRequest.Bucket("1m", 60_000));
    assertThat(request("every", "30s").every(hour, 120).ms()).isEqualTo(30_000);
    assertThatThrownBy(() -> request("every", "1s").every(hour, 100))
        .hasMessageContaining("3600 buckets, more than 100 (HISTORY_MAX_BUCKETS)");
    for (String bad : new String[] {"0m", "1w", "m", "1.5m", "1m;DROP TABLE greeks"}) {
      assertThatThrownBy(() -> request("every", bad).every(hour, 100)).as(bad)
          .isInstanceOf(BadRequestException.class).hasMessageContaining("every must be");
    }
  }

  @Test
  void keysSymbolsAndExpiriesAreCheckedBeforeAnySql() {
    assertThat(request("key", "NSE_FO|43885").key()).isEqualTo("NSE_FO|43885");
    assertThatThrownBy(() -> request("key", "x' OR '1'='1").key()).hasMessageContaining("key must be an instrument key");
    assertThatThrownBy(() -> request("symbol", "NIFTY'--").symbol()).hasMessageContaining("symbol must be");
    assertThat(request("expiry", "2025-11-27").expiry()).isEqualTo("2025-11-27");
    assertThatThrownBy(() -> request("expiry", "27-11-2025").expiry()).hasMessageContaining("expiry must be a date");
    assertThatThrownBy(() -> request("days", "0").whole("days", 1, 365)).hasMessageContaining("from 1 to 365");
  }
}
