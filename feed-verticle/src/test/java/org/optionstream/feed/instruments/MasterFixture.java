package org.optionstream.feed.instruments;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Small hand-made master files in Upstox's row format (expiry = epoch ms at 23:59:59 IST). */
public final class MasterFixture {

  private MasterFixture() {
  }

  public static long expiryMs(LocalDate date) {
    return date.atTime(23, 59, 59).toEpochSecond(ZoneOffset.ofHoursMinutes(5, 30)) * 1000L;
  }

  /** NIFTY options from {@code low} to {@code high} every {@code step} at each expiry; keys NSE_FO|&lt;strike&gt;&lt;C|P&gt;&lt;n&gt;. */
  public static JsonArray nifty(double low, double high, double step, LocalDate... expiries) {
    JsonArray rows = new JsonArray();
    rows.add(new JsonObject().put("segment", "NSE_INDEX").put("instrument_type", "INDEX")
        .put("instrument_key", "NSE_INDEX|Nifty 50").put("trading_symbol", "NIFTY"));
    int n = 0;
    for (LocalDate e : expiries) {
      for (double k = low; k <= high; k += step) {
        for (String type : new String[] {"CE", "PE"}) {
          rows.add(new JsonObject().put("segment", "NSE_FO").put("instrument_type", type)
              .put("instrument_key", key(k, type, n)).put("underlying_key", "NSE_INDEX|Nifty 50")
              .put("underlying_symbol", "NIFTY").put("asset_symbol", "NIFTY").put("strike_price", k)
              .put("expiry", expiryMs(e)).put("lot_size", 75).put("tick_size", 5.0)
              .put("trading_symbol", "NIFTY " + (long) k + " " + type).put("weekly", true)
              .put("nested", new JsonObject().put("ignored", new JsonArray().add(1))));
        }
      }
      n++;
    }
    return rows;
  }

  public static String key(double strike, String type, int expiryIndex) {
    return "NSE_FO|" + (long) strike + type.charAt(0) + expiryIndex;
  }

  public static InstrumentMaster parse(JsonArray rows, LocalDate today) {
    try {
      return InstrumentMaster.parse(new ByteArrayInputStream(rows.toBuffer().getBytes()), (int) today.toEpochDay());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
