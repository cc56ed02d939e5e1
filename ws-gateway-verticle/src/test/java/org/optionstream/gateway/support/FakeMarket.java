package org.optionstream.gateway.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.optionstream.common.Addresses;
import org.optionstream.common.json.FeedState;
import org.optionstream.common.json.FeedStatus;
import org.optionstream.common.json.GreeksUpdate;
import org.optionstream.common.json.GreeksUpdateFrame;
import org.optionstream.common.json.GreeksUpdateFrames;
import org.optionstream.common.json.PcrUpdate;
import org.optionstream.common.pricing.Black76;
import org.optionstream.common.pricing.IvStatus;
import org.optionstream.common.pricing.Normal;

/**
 * Stands in for the feed, greeks and pcr stages in gateway tests: one underlying and expiry with a
 * Black-76 chain around a random-walking forward, published on the contract's addresses, and the
 * snapshot/query responders the gateway warms up from.
 */
public final class FakeMarket {

  public static final String SYMBOL = "NIFTY";
  public static final String EXPIRY = "2025-11-27";
  private static final double RATE = 0.10;
  private static final double YEARS = 7.0 / 365;

  private final Vertx vertx;
  private final String symbol;
  private final String expiry;
  private final List<Double> strikes = new ArrayList<>();
  private final Map<String, JsonObject> latest = new LinkedHashMap<>();
  private final SplittableRandom random = new SplittableRandom(7);
  private final List<MessageConsumer<?>> responders = new ArrayList<>();
  private double spot = 23512.3;
  private long exchangeTimeMs = 1_763_610_301_123L;
  private long sequence;
  private FeedState state = FeedState.LIVE;

  public FakeMarket(Vertx vertx) {
    this(vertx, SYMBOL, EXPIRY, 23000, 24000, 50);
  }

  public FakeMarket(Vertx vertx, String symbol, String expiry, double from, double to, double step) {
    this.vertx = vertx;
    this.symbol = symbol;
    this.expiry = expiry;
    for (double k = from; k <= to; k += step) {
      strikes.add(k);
    }
  }

  /** Instrument key of the option at strike index {@code i}. */
  public static String key(int strikeIndex, String type) {
    return "NSE_FO|" + (40000 + strikeIndex * 2 + ("CE".equals(type) ? 0 : 1));
  }

  public List<String> keys() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < strikes.size(); i++) {
      out.add(key(i, "CE"));
      out.add(key(i, "PE"));
    }
    return out;
  }

  /** Registers greeks.snapshot, pcr.snapshot and feed.status.query responders. */
  public Future<Void> respond() {
    var eb = vertx.eventBus();
    MessageConsumer<Object> g = eb.consumer(Addresses.GREEKS_SNAPSHOT, m -> m.reply(new JsonArray(new ArrayList<>(latest.values()))));
    MessageConsumer<Object> p = eb.consumer(Addresses.PCR_SNAPSHOT, m -> m.reply(new JsonObject()
        .put("pcr", new JsonArray().add(pcr()))
        .put("oiByStrike", new JsonArray().add(oiByStrike()))
        .put("analytics", new JsonArray().add(analytics()))));
    MessageConsumer<Object> f = eb.consumer(Addresses.FEED_STATUS_QUERY, m -> m.reply(feedStatus()));
    responders.addAll(List.of(g, p, f));
    return Future.all(g.completion(), p.completion(), f.completion()).mapEmpty();
  }

  /** Stops answering {@code feed.status.query}, as when the feed is gone. */
  public Future<Void> stopAnsweringFeedStatus() {
    return Future.all(responders.stream().filter(c -> Addresses.FEED_STATUS_QUERY.equals(c.address()))
        .map(MessageConsumer::unregister).toList()).mapEmpty();
  }

  /** Computes every instrument once without publishing (state for snapshots). */
  public FakeMarket fill() {
    for (int i = 0; i < strikes.size(); i++) {
      latest.put(key(i, "CE"), update(i, "CE").toJson());
      latest.put(key(i, "PE"), update(i, "PE").toJson());
    }
    return this;
  }

  /** Publishes every instrument, PCR, OI by strike and feed status. */
  public void publishAll() {
    for (int i = 0; i < strikes.size(); i++) {
      publish(i, "CE");
      publish(i, "PE");
    }
    publishAggregates();
  }

  /** Moves the market a little and publishes {@code count} instrument updates. */
  public void step(int count) {
    spot += random.nextDouble(-4, 4);
    for (int n = 0; n < count; n++) {
      int i = random.nextInt(strikes.size());
      publish(i, random.nextBoolean() ? "CE" : "PE");
    }
  }

  public void publishAggregates() {
    vertx.eventBus().publish(Addresses.PCR_UPDATE, pcr());
    vertx.eventBus().publish(Addresses.PCR_OI_BY_STRIKE, oiByStrike());
    vertx.eventBus().publish(Addresses.CHAIN_ANALYTICS, analytics());
    vertx.eventBus().publish(Addresses.FEED_STATUS, feedStatus());
  }

  public void state(FeedState newState) {
    this.state = newState;
    vertx.eventBus().publish(Addresses.FEED_STATUS, feedStatus());
  }

  /** Publishes one update of {@code key(i, type)} and returns its data. */
  public JsonObject publish(int i, String type) {
    JsonObject data = update(i, type).toJson();
    latest.put(data.getString("instrumentKey"), data);
    vertx.eventBus().publish(Addresses.GREEKS_UPDATE, data);
    vertx.eventBus().publish(Addresses.GREEKS_UPDATE_FRAMES, GreeksUpdateFrames.of(GreeksUpdateFrame.of(data)));
    return data;
  }

  public int strikeCount() {
    return strikes.size();
  }

  private GreeksUpdate update(int i, String type) {
    exchangeTimeMs += 1;
    sequence++;
    double forward = spot * Math.exp(RATE * YEARS);
    double strike = strikes.get(i);
    boolean call = "CE".equals(type);
    double m = Math.log(strike / forward);
    double iv = 0.12 + 0.9 * m * m - 0.05 * m + random.nextDouble(-0.0015, 0.0015);
    double price = Black76.price(forward, strike, YEARS, iv, RATE, call);
    double rootT = Math.sqrt(YEARS);
    double d1 = (Math.log(forward / strike) + 0.5 * iv * iv * YEARS) / (iv * rootT);
    double df = Math.exp(-RATE * YEARS);
    double delta = call ? df * Normal.cdf(d1) : -df * Normal.cdf(-d1);
    double gamma = df * Normal.pdf(d1) / (forward * iv * rootT);
    double vega = df * forward * Normal.pdf(d1) * rootT / 100;
    double theta = (-df * forward * Normal.pdf(d1) * iv / (2 * rootT) + RATE * price) / 365;
    double oi = 500_000 + 40_000 * Math.abs(i - strikes.size() / 2.0) + random.nextInt(20_000);
    return GreeksUpdate.builder().instrumentKey(key(i, type)).symbol(symbol).strike(strike).type(type).expiry(expiry)
        .price(price).oi(oi).oiChange(random.nextInt(-30_000, 30_000)).volume(random.nextInt(1, 2_000_000))
        .bid(price - 0.5).ask(price + 0.5).iv(iv).delta(delta).gamma(gamma).theta(theta).vega(vega)
        .rho(-YEARS * price / 100).exchangeTimeMs(exchangeTimeMs).sequence(sequence).underlyingPrice(spot)
        .forward(forward).forwardSource("SYNTHETIC").timeToExpiry(YEARS).rate(RATE).ivStatus(IvStatus.OK)
        .feedReceivedAtMicros(System.nanoTime() / 1000).build();
  }

  public JsonObject pcr() {
    double ce = 0;
    double pe = 0;
    for (JsonObject d : latest.values()) {
      if ("CE".equals(d.getString("type"))) {
        ce += d.getDouble("oi");
      } else {
        pe += d.getDouble("oi");
      }
    }
    return PcrUpdate.builder().symbol(symbol).expiry(expiry).pcr(ce == 0 ? Double.NaN : pe / ce).totalCeOi(ce)
        .totalPeOi(pe).strikeFrom(strikes.get(0)).strikeTo(strikes.get(strikes.size() - 1))
        .exchangeTimeMs(exchangeTimeMs).build().toJson().put("volumePcr", 1.07).put("maxPain", atm());
  }

  public JsonObject oiByStrike() {
    JsonArray rows = new JsonArray();
    for (int i = 0; i < strikes.size(); i++) {
      JsonObject ce = latest.get(key(i, "CE"));
      JsonObject pe = latest.get(key(i, "PE"));
      rows.add(new JsonObject().put("strike", strikes.get(i))
          .put("ceOi", ce == null ? null : ce.getDouble("oi")).put("peOi", pe == null ? null : pe.getDouble("oi"))
          .put("ceOiChange", ce == null ? null : ce.getDouble("oiChange"))
          .put("peOiChange", pe == null ? null : pe.getDouble("oiChange"))
          .put("ceVolume", ce == null ? null : ce.getLong("volume")).put("peVolume", pe == null ? null : pe.getLong("volume")));
    }
    return new JsonObject().put("symbol", symbol).put("expiry", expiry).put("atmStrike", atm()).put("maxPain", atm())
        .put("timestamp", "2025-11-20T09:15:01.123+05:30").put("exchangeTimeMs", exchangeTimeMs).put("strikes", rows);
  }

  /** A chain_analytics message of this chain's shape (figures from the held updates, not the pcr stage's code). */
  public JsonObject analytics() {
    JsonArray rows = new JsonArray();
    double total = 0;
    for (int i = 0; i < strikes.size(); i++) {
      JsonObject ce = latest.get(key(i, "CE"));
      JsonObject pe = latest.get(key(i, "PE"));
      double gex = (ce == null ? 0 : ce.getJsonObject("greeks").getDouble("gamma") * ce.getDouble("oi"))
          - (pe == null ? 0 : pe.getJsonObject("greeks").getDouble("gamma") * pe.getDouble("oi"));
      gex *= spot * spot * 0.01;
      total += gex;
      rows.add(new JsonObject().put("strike", strikes.get(i)).put("smileIv", ce == null ? null : ce.getDouble("iv"))
          .put("callIv", ce == null ? null : ce.getDouble("iv")).put("putIv", pe == null ? null : pe.getDouble("iv"))
          .put("gex", gex).put("callQuality", new JsonArray()).put("putQuality", new JsonArray()));
    }
    return new JsonObject().put("symbol", symbol).put("expiry", expiry).put("exchangeTimeMs", exchangeTimeMs)
        .put("timestamp", "2025-11-20T09:15:01.123+05:30").put("spot", spot).put("forward", spot)
        .put("timeToExpiry", YEARS).put("atmIv", 0.12).put("rr25", -0.01).put("bf25", 0.004)
        .put("straddle", new JsonObject().put("strike", atm()).put("price", 240.0).put("impliedMovePoints", 240.0)
            .put("impliedMovePercent", 100 * 240.0 / spot))
        .put("gex", new JsonObject().put("convention", "long-calls-short-puts").put("total", total).put("flip", atm()))
        .put("strikes", rows);
  }

  public JsonObject feedStatus() {
    return new FeedStatus(state, strikes.size() * 2 + 1, System.currentTimeMillis() - 60_000, System.currentTimeMillis(),
        state == FeedState.LIVE ? "subscribed" : "test").toJson();
  }

  private double atm() {
    double best = strikes.get(0);
    for (double k : strikes) {
      if (Math.abs(k - spot) < Math.abs(best - spot)) {
        best = k;
      }
    }
    return best;
  }
}
