package org.optionstream.bench.pipeline;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.healthchecks.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.optionstream.common.Addresses;
import org.optionstream.common.encoding.JsonBytesWriter;
import org.optionstream.common.health.StageHealth;
import org.optionstream.common.json.GreeksUpdate;
import org.optionstream.common.json.GreeksUpdateFrame;
import org.optionstream.common.json.GreeksUpdateFrames;
import org.optionstream.common.pricing.ExpiryClock;
import org.optionstream.common.pricing.IvStatus;
import org.optionstream.common.tick.InstrumentKind;
import org.optionstream.common.tick.Tick;
import org.optionstream.common.tick.TickBatch;
import org.optionstream.common.time.IstTime;

/**
 * The bare-relay stand-in for the greeks stage: consumes {@code greeks.compute.batch} and publishes,
 * per tick, a {@code greeks_update} data object of the same shape and size as the real stage's (every
 * field present, the numbers full-precision doubles) on {@code greeks.update} and, encoded the same
 * way as the real stage does, on {@code greeks.update.frames}, and answers
 * {@code greeks.snapshot} from the newest update per instrument. No pricing: the numbers are cheap
 * arithmetic on the tick, so what the pipeline costs above the event bus shows up as the difference.
 */
public final class GreeksRelayVerticle extends VerticleBase {

  private final double rate;
  private final StageHealth health;
  private final Map<String, GreeksUpdate> latest = new HashMap<>();
  private final JsonBytesWriter writer = new JsonBytesWriter();

  /**
   * @param rate   continuously compounded annual rate as a fraction, copied into each update
   * @param health where the relay says it is ready
   */
  public GreeksRelayVerticle(double rate, StageHealth health) {
    this.rate = rate;
    this.health = health;
  }

  @Override
  public Future<?> start() {
    health.readiness().register("greeks", p -> p.complete(Status.OK()));
    var ticks = vertx.eventBus().<TickBatch>consumer(Addresses.GREEKS_COMPUTE_BATCH, this::onBatch).completion();
    var snapshot = vertx.eventBus().<Object>consumer(Addresses.GREEKS_SNAPSHOT, this::onSnapshot).completion();
    return Future.join(ticks, snapshot);
  }

  private void onBatch(Message<TickBatch> message) {
    message.reply(null);
    List<GreeksUpdateFrame> frames = new ArrayList<>();
    for (Tick tick : message.body().getTicksList()) {
      if (tick.getKind() != InstrumentKind.CALL && tick.getKind() != InstrumentKind.PUT) {
        continue;
      }
      GreeksUpdate update = relayed(tick, rate);
      latest.put(tick.getInstrumentKey(), update);
      GreeksUpdateFrame frame = GreeksUpdateFrame.of(update, writer);
      vertx.eventBus().publish(Addresses.GREEKS_UPDATE, frame);
      frames.add(frame);
    }
    if (!frames.isEmpty()) {
      vertx.eventBus().publish(Addresses.GREEKS_UPDATE_FRAMES, new GreeksUpdateFrames(frames));
    }
  }

  private void onSnapshot(Message<Object> request) {
    JsonArray all = new JsonArray();
    latest.values().forEach(update -> all.add(update.toJson()));
    request.reply(all);
  }

  /**
   * A greeks update carrying the tick's own fields and stand-in Greeks: full-precision doubles in
   * the ranges real ones take (so the JSON has the same length), derived without any pricing model.
   */
  static GreeksUpdate relayed(Tick tick, double rate) {
    boolean call = tick.getKind() == InstrumentKind.CALL;
    double forward = tick.getForward() > 0 ? tick.getForward() : tick.getUnderlyingPrice();
    double moneyness = forward > 0 ? tick.getStrike() / forward : 1.0;
    double years = ExpiryClock.yearsToExpiry(tick.getExchangeTimeMs(),
        ExpiryClock.expiryInstantMillis(tick.getExpiryEpochDay()));
    double distance = Math.abs(moneyness - 1.0);
    double iv = 0.1 + 0.7 * distance;
    double callDelta = 1.0 / (1.0 + Math.exp(16 * (moneyness - 1.0)));
    double delta = call ? callDelta : callDelta - 1.0;
    double gamma = 0.0009 / (1.0 + 40 * distance);
    double vega = 11.3 / (1.0 + 25 * distance);
    double theta = -7.7 / (1.0 + 19 * distance);
    double rho = -years * tick.getLastPrice() / 100.0;
    double oiChange = tick.hasPrevOpenInterest() ? tick.getOpenInterest() - tick.getPrevOpenInterest() : Double.NaN;
    return GreeksUpdate.builder().instrumentKey(tick.getInstrumentKey()).symbol(tick.getSymbol())
        .strike(tick.getStrike()).type(call ? "CE" : "PE").expiry(IstTime.date(tick.getExpiryEpochDay()))
        .price(tick.getLastPrice()).oi(tick.getOpenInterest()).oiChange(oiChange).volume(tick.getVolume())
        .bid(tick.getBidPrice()).ask(tick.getAskPrice()).iv(iv).delta(delta).gamma(gamma).theta(theta).vega(vega)
        .rho(rho).exchangeTimeMs(tick.getExchangeTimeMs()).sequence(tick.getSequence())
        .underlyingPrice(tick.getUnderlyingPrice()).forward(forward).forwardSource(tick.getForwardSource().name())
        .timeToExpiry(years).rate(rate).ivStatus(IvStatus.OK).feedReceivedAtMicros(tick.getFeedReceivedAtMicros())
        .build();
  }
}
