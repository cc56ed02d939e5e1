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
    return GreeksUpdate.builder().instrumentKey(key(strike, type)).symbol(SYMBOL).strike(strike).type(type)
        .expiry(EXPIRY).price(price).oi(100_000 + strike).oiChange(500).volume(1_000 + sequence).bid(price - 0.5)
        .ask(price + 0.5).iv(iv).delta(0.5).gamma(0.001).theta(-10.0).vega(8.0).rho(3.0).exchangeTimeMs(timeMs)
        .sequence(sequence).underlyingPrice(forward - 10).forward(forward).forwardSource("SYNTHETIC")
        .timeToExpiry(0.02).rate(0.10).ivStatus(IvStatus.OK).feedReceivedAtMicros(timeMs * 1000).build();
  }

  /** An update whose IV could not be solved: iv and Greeks NaN (JSON null). */
  public static GreeksUpdate unsolved(double strike, String type, double price, double forward, long timeMs) {
    double nan = Double.NaN;
    return GreeksUpdate.builder().instrumentKey(key(strike, type)).symbol(SYMBOL).strike(strike).type(type)
        .expiry(EXPIRY).price(price).oi(100_000).oiChange(nan).volume(0).bid(nan).ask(nan).iv(nan).delta(nan)
        .gamma(nan).theta(nan).vega(nan).rho(nan).exchangeTimeMs(timeMs).sequence(1).underlyingPrice(forward - 10)
        .forward(forward).forwardSource("SYNTHETIC").timeToExpiry(0.02).rate(0.10).ivStatus(IvStatus.BELOW_INTRINSIC)
        .feedReceivedAtMicros(0).build();
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
    return PcrUpdate.builder().symbol(SYMBOL).expiry(EXPIRY).pcr(pcr).totalCeOi(1.0e7).totalPeOi(pcr * 1.0e7)
        .strikeFrom(23000).strikeTo(24000).exchangeTimeMs(timeMs).build().toJson().put("maxPain", maxPain)
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
