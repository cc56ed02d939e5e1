package org.optionstream.history;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.optionstream.common.encoding.JsonBytesWriter;
import org.optionstream.common.json.FeedState;
import org.optionstream.common.json.FeedStatus;
import org.optionstream.common.json.GreeksUpdate;
import org.optionstream.common.json.GreeksUpdateFrame;
import org.optionstream.common.json.GreeksUpdateFrames;
import org.optionstream.common.json.PcrUpdate;
import org.optionstream.common.pricing.IvStatus;

/** Messages as the stages publish them, for the history tests: NIFTY, expiry 2025-11-27, keys NSE_FO|&lt;strike&gt;&lt;type&gt;. */
public final class Updates {

  public static final String SYMBOL = "NIFTY";
  public static final String EXPIRY = "2025-11-27";

  private Updates() {
  }

  public static String key(double strike, String type) {
    return "NSE_FO|" + (long) strike + type;
  }

  /** A solved update: price in rupees, IV a fraction, forward and underlying in index points. */
  public static GreeksUpdate greeks(double strike, String type, double price, double iv, double forward, long timeMs,
      long sequence) {
    return new GreeksUpdate(key(strike, type), SYMBOL, strike, type, EXPIRY, price, 100_000 + strike, 500, 1_000 + sequence,
        price - 0.5, price + 0.5, iv, 0.5, 0.001, -10.0, 8.0, 3.0, timeMs, sequence, forward - 10, forward, "SYNTHETIC",
        0.02, 0.10, IvStatus.OK, timeMs * 1000);
  }

  /** An update whose IV could not be solved: iv and Greeks NaN (JSON null). */
  public static GreeksUpdate unsolved(double strike, String type, double price, double forward, long timeMs) {
    double nan = Double.NaN;
    return new GreeksUpdate(key(strike, type), SYMBOL, strike, type, EXPIRY, price, 100_000, nan, 0, nan, nan, nan, nan,
        nan, nan, nan, nan, timeMs, 1, forward - 10, forward, "SYNTHETIC", 0.02, 0.10, IvStatus.BELOW_INTRINSIC, 0);
  }

  /** One {@code greeks.update.frames} body of these updates, encoded as greeks encodes them. */
  public static GreeksUpdateFrames frames(List<GreeksUpdate> updates) {
    JsonBytesWriter writer = new JsonBytesWriter();
    return new GreeksUpdateFrames(updates.stream().map(u -> GreeksUpdateFrame.of(u, writer)).toList());
  }

  public static GreeksUpdateFrames frames(GreeksUpdate... updates) {
    return frames(List.of(updates));
  }

  public static JsonObject pcr(double pcr, double maxPain, long timeMs) {
    return new PcrUpdate(SYMBOL, EXPIRY, pcr, 1.0e7, pcr * 1.0e7, 23000, 24000, timeMs).toJson().put("maxPain", maxPain)
        .put("volumePcr", pcr + 0.1).put("atmStrike", 23500.0);
  }

  public static JsonObject oiByStrike(long timeMs, double... strikes) {
    JsonArray rows = new JsonArray();
    for (double k : strikes) {
      rows.add(new JsonObject().put("strike", k).put("ceOi", 1000.0 + k).put("peOi", 2000.0 + k).put("ceOiChange", 10.0)
          .put("peOiChange", -5.0).put("ceVolume", 300L).put("peVolume", 400L));
    }
    return new JsonObject().put("symbol", SYMBOL).put("expiry", EXPIRY).put("atmStrike", 23500.0).put("maxPain", 23400.0)
        .put("exchangeTimeMs", timeMs).put("strikes", rows);
  }

  public static JsonObject feedStatus(FeedState state, long sinceMs) {
    return new FeedStatus(state, 42, sinceMs, sinceMs, "test").toJson();
  }
}
