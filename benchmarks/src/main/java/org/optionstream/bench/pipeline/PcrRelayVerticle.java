package org.optionstream.bench.pipeline;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.optionstream.common.Addresses;
import org.optionstream.common.health.StageHealth;
import org.optionstream.common.json.PcrUpdate;
import org.optionstream.common.tick.InstrumentKind;
import org.optionstream.common.tick.Tick;
import org.optionstream.common.tick.TickBatch;
import org.optionstream.common.time.IstTime;

/**
 * The bare-relay stand-in for the pcr stage: consumes {@code market.ticks} (so the feed's fan-out is
 * the same as with the real stage) and publishes, per underlying and expiry, a {@code pcr_update} of
 * the real shape at most {@code pcrPerSecond} times a second and a {@code pcr.oi-by-strike} body with
 * one row per strike at most {@code oiPerSecond} times a second (the real stage's default cadences),
 * built from the newest tick per instrument without any aggregation logic beyond summing.
 * Answers {@code pcr.snapshot}. Always the leader: the relay runs as one instance.
 */
public final class PcrRelayVerticle extends VerticleBase {

  private final long pcrIntervalMs;
  private final long oiIntervalMs;
  private final StageHealth health;
  private final Map<String, Book> books = new HashMap<>();

  /** Newest OI and volume per strike of one underlying and expiry. */
  private static final class Book {
    final String symbol;
    final String expiry;
    final TreeMap<Double, double[]> strikes = new TreeMap<>();
    double atmStrike;
    long exchangeTimeMs;
    boolean pcrDirty;
    boolean oiDirty;
    JsonObject lastPcr;
    JsonObject lastOi;

    Book(String symbol, String expiry) {
      this.symbol = symbol;
      this.expiry = expiry;
    }
  }

  /**
   * @param pcrPerSecond most {@code pcr.update} messages per second per underlying and expiry
   * @param oiPerSecond  most {@code pcr.oi-by-strike} messages per second per underlying and expiry
   * @param health       where the relay says it is ready
   */
  public PcrRelayVerticle(double pcrPerSecond, double oiPerSecond, StageHealth health) {
    this.health = health;
    this.pcrIntervalMs = Math.max(1, Math.round(1000 / pcrPerSecond));
    this.oiIntervalMs = Math.max(1, Math.round(1000 / oiPerSecond));
  }

  @Override
  public Future<?> start() {
    health.readiness().register("pcr", p -> p.complete(Status.OK()));
    vertx.setPeriodic(pcrIntervalMs, id -> publishPcr());
    vertx.setPeriodic(oiIntervalMs, id -> publishOi());
    var ticks = vertx.eventBus().<TickBatch>consumer(Addresses.MARKET_TICKS_BATCH,
        message -> message.body().getTicksList().forEach(this::onTick)).completion();
    var snapshot = vertx.eventBus().<Object>consumer(Addresses.PCR_SNAPSHOT, this::onSnapshot).completion();
    return Future.join(ticks, snapshot);
  }

  private void onTick(Tick tick) {
    boolean call = tick.getKind() == InstrumentKind.CALL;
    if (!call && tick.getKind() != InstrumentKind.PUT) {
      return;
    }
    String key = tick.getSymbol() + "|" + tick.getExpiryEpochDay();
    Book book = books.computeIfAbsent(key,
        k -> new Book(tick.getSymbol(), IstTime.date(tick.getExpiryEpochDay())));
    // row: ceOi, peOi, ceVolume, peVolume, ceOiChange, peOiChange
    double[] row = book.strikes.computeIfAbsent(tick.getStrike(), s -> new double[6]);
    int side = call ? 0 : 1;
    row[side] = tick.getOpenInterest();
    row[2 + side] = tick.getVolume();
    row[4 + side] = tick.hasPrevOpenInterest() ? tick.getOpenInterest() - tick.getPrevOpenInterest() : 0;
    book.atmStrike = tick.getAtmStrike();
    book.exchangeTimeMs = Math.max(book.exchangeTimeMs, tick.getExchangeTimeMs());
    book.pcrDirty = true;
    book.oiDirty = true;
  }

  private void publishPcr() {
    for (Book book : books.values()) {
      if (book.pcrDirty) {
        book.pcrDirty = false;
        book.lastPcr = pcrUpdate(book).toJson();
        vertx.eventBus().publish(Addresses.PCR_UPDATE, book.lastPcr);
      }
    }
  }

  private void publishOi() {
    for (Book book : books.values()) {
      if (book.oiDirty) {
        book.oiDirty = false;
        book.lastOi = oiByStrike(book);
        vertx.eventBus().publish(Addresses.PCR_OI_BY_STRIKE, book.lastOi);
      }
    }
  }

  private void onSnapshot(Message<Object> request) {
    JsonArray pcr = new JsonArray();
    JsonArray oi = new JsonArray();
    for (Book book : books.values()) {
      if (book.lastPcr != null) {
        pcr.add(book.lastPcr);
      }
      if (book.lastOi != null) {
        oi.add(book.lastOi);
      }
    }
    request.reply(new JsonObject().put("pcr", pcr).put("oiByStrike", oi));
  }

  private static PcrUpdate pcrUpdate(Book book) {
    double ceOi = 0;
    double peOi = 0;
    long ceVolume = 0;
    long peVolume = 0;
    double ceChange = 0;
    double peChange = 0;
    for (double[] row : book.strikes.values()) {
      ceOi += row[0];
      peOi += row[1];
      ceVolume += (long) row[2];
      peVolume += (long) row[3];
      ceChange += row[4];
      peChange += row[5];
    }
    double pcr = ceOi > 0 ? peOi / ceOi : Double.NaN;
    double volumePcr = ceVolume > 0 ? (double) peVolume / ceVolume : Double.NaN;
    double changePcr = ceChange != 0 ? peChange / ceChange : Double.NaN;
    double from = book.strikes.isEmpty() ? Double.NaN : book.strikes.firstKey();
    double to = book.strikes.isEmpty() ? Double.NaN : book.strikes.lastKey();
    return PcrUpdate.builder().symbol(book.symbol).expiry(book.expiry).pcr(pcr).totalCeOi(ceOi).totalPeOi(peOi)
        .strikeFrom(from).strikeTo(to).exchangeTimeMs(book.exchangeTimeMs).atmStrike(book.atmStrike)
        .volumePcr(volumePcr).totalCeVolume(ceVolume).totalPeVolume(peVolume).oiChangePcr(changePcr)
        .oiChangePcrReason(null).totalCeOiChange(ceChange).totalPeOiChange(peChange).allStrikesPcr(pcr)
        .allStrikesTotalCeOi(ceOi).allStrikesTotalPeOi(peOi).allStrikesFrom(from).allStrikesTo(to)
        .allStrikesVolumePcr(volumePcr).allStrikesTotalCeVolume(ceVolume).allStrikesTotalPeVolume(peVolume)
        .allStrikesOiChangePcr(changePcr).allStrikesOiChangePcrReason(null).allStrikesTotalCeOiChange(ceChange)
        .allStrikesTotalPeOiChange(peChange).maxPain(book.atmStrike).build();
  }

  private static JsonObject oiByStrike(Book book) {
    JsonArray strikes = new JsonArray();
    for (Map.Entry<Double, double[]> e : book.strikes.entrySet()) {
      double[] row = e.getValue();
      strikes.add(new JsonObject()
          .put("strike", e.getKey())
          .put("ceOi", row[0])
          .put("peOi", row[1])
          .put("ceOiChange", row[4])
          .put("peOiChange", row[5])
          .put("ceVolume", (long) row[2])
          .put("peVolume", (long) row[3]));
    }
    return new JsonObject()
        .put("symbol", book.symbol)
        .put("expiry", book.expiry)
        .put("atmStrike", book.atmStrike)
        .put("maxPain", book.atmStrike)
        .put("timestamp", IstTime.timestamp(book.exchangeTimeMs))
        .put("exchangeTimeMs", book.exchangeTimeMs)
        .put("strikes", strikes);
  }
}
