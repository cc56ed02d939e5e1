package org.optionstream.pcr.publish;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Map;
import org.optionstream.common.encoding.JsonNumbers;
import org.optionstream.common.json.GreeksUpdate;
import org.optionstream.common.json.QualityFlag;
import org.optionstream.common.time.IstTime;
import org.optionstream.pcr.surface.ChainAnalytics;
import org.optionstream.pcr.surface.ChainBook;
import org.optionstream.pcr.surface.SmileIv;
import org.optionstream.pcr.surface.Straddle;

/** Maps {@link ChainAnalytics} to the public {@code chain.analytics} message (fields in {@code docs/event-bus.md}). */
public final class AnalyticsMessages {

  private AnalyticsMessages() {
  }

  /** The {@code chain_analytics} data. */
  public static JsonObject of(ChainAnalytics a, double flipRange) {
    GreeksUpdate n = a.newest();
    double spot = n.underlyingPrice();
    JsonArray strikes = new JsonArray();
    for (Map.Entry<Double, ChainBook.Strike> e : a.book().strikes().entrySet()) {
      ChainBook.Strike s = e.getValue();
      strikes.add(new JsonObject()
          .put("strike", e.getKey())
          .put("smileIv", num(SmileIv.atStrike(e.getKey(), s, n.forward())))
          .put("callIv", s.call() == null ? null : num(s.call().iv()))
          .put("putIv", s.put() == null ? null : num(s.put().iv()))
          .put("callIvMid", s.call() == null ? null : num(s.call().ivMid()))
          .put("putIvMid", s.put() == null ? null : num(s.put().ivMid()))
          .put("callDelta", s.call() == null ? null : num(s.call().delta()))
          .put("putDelta", s.put() == null ? null : num(s.put().delta()))
          .put("callOi", s.call() == null ? null : num(s.call().oi()))
          .put("putOi", s.put() == null ? null : num(s.put().oi()))
          .put("callGex", s.callGex())
          .put("putGex", s.putGex())
          .put("gex", s.callGex() + s.putGex())
          .put("callQuality", s.call() == null ? null : codes(s.call()))
          .put("putQuality", s.put() == null ? null : codes(s.put())));
    }
    Straddle st = a.straddle();
    JsonObject straddle = st == null ? null : new JsonObject()
        .put("strike", st.strike())
        .put("call", st.call())
        .put("put", st.put())
        .put("price", st.price())
        .put("impliedMovePoints", st.impliedMovePoints())
        .put("impliedMovePercent", num(st.impliedMovePercent(spot)))
        .put("lowerBreakeven", st.strike() - st.price())
        .put("upperBreakeven", st.strike() + st.price());
    return new JsonObject()
        .put("symbol", a.book().key().symbol())
        .put("expiry", a.book().key().expiry())
        .put("timestamp", IstTime.timestamp(n.exchangeTimeMs()))
        .put("exchangeTimeMs", n.exchangeTimeMs())
        .put("spot", num(spot))
        .put("forward", num(n.forward()))
        .put("timeToExpiry", num(n.timeToExpiry()))
        .put("rate", num(n.rate()))
        .put("atmIv", num(a.atmIv()))
        .put("iv25Call", num(a.iv25Call()))
        .put("iv25Put", num(a.iv25Put()))
        .put("rr25", num(a.riskReversal25()))
        .put("bf25", num(a.butterfly25()))
        .put("straddle", straddle)
        .put("gex", new JsonObject()
            .put("convention", a.book().convention().wireName())
            .put("total", num(a.totalGex()))
            .put("flip", num(a.flip()))
            .put("flipRangePct", 100 * flipRange))
        .put("strikes", strikes);
  }

  private static JsonArray codes(GreeksUpdate u) {
    return new JsonArray(new ArrayList<Object>(QualityFlag.codes(u.quality())));
  }

  private static Double num(double v) {
    return JsonNumbers.finiteOrNull(v);
  }
}
