package org.optionstream.bench.alerts;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.optionstream.alerts.engine.Evaluator;
import org.optionstream.alerts.engine.RuleEngine;
import org.optionstream.alerts.rule.MetricRegistry;
import org.optionstream.alerts.rule.RuleParser;
import org.optionstream.common.pricing.IvStatus;
import org.optionstream.common.encoding.JsonBytesWriter;
import org.optionstream.common.json.GreeksUpdate;
import org.optionstream.common.json.GreeksUpdateFrame;
import org.optionstream.common.json.GreeksUpdateFrames;

/**
 * What evaluating alert rules costs the thread that receives the greeks updates: the alerts stage's handling
 * of {@code greeks.update.frames} messages ({@link RuleEngine#onGreeks}: each instrument's key looked up, the
 * watched updates' numbers read from their encoded bytes, their rules evaluated) at a paced rate, first with
 * no rules, then with {@code rules} rules, in one run. The rules watch the 600 options of the stream (about
 * {@code rules / 600} each): delta crossings and IV changes within 15 minutes, thresholds spread so that
 * some fire. Prints the per-message handling time's p50/p99/max in each phase and the difference of the p99s.
 *
 * <p>Usage: {@code AlertsBench [rules=10000] [ticksPerSecond=20000] [seconds=20]}
 */
public final class AlertsBench {

  private static final int INSTRUMENTS = 600;
  private static final int FRAME_SIZE = 50;
  private static final int VARIANTS = 16;

  private AlertsBench() {
  }

  public static void main(String[] args) {
    int rules = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;

    List<GreeksUpdateFrames> messages = messages();
    long[] fired = new long[1];
    RuleEngine engine = new RuleEngine(1, new Evaluator(0.5), System::currentTimeMillis, new RuleEngine.Listener() {
      @Override
      public void stateChanged(RuleEngine.Active rule) {
      }

      @Override
      public void fired(RuleEngine.Active rule, double value, long exchangeTimeMs) {
        fired[0]++;
      }
    });
    engine.takeOver(0, Map.of());

    Histogram without = run(engine, messages, rate, seconds);
    RuleParser parser = new RuleParser(MetricRegistry.standard());
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < rules; i++) {
      String key = key(i % INSTRUMENTS);
      String doc = i % 4 == 3
          ? "{\"metric\":\"iv\",\"instrumentKey\":\"" + key + "\",\"op\":\"changesBy\",\"value\":0.01,\"windowSeconds\":900}"
          : "{\"metric\":\"delta\",\"instrumentKey\":\"" + key + "\",\"op\":\"crossesAbove\",\"value\":"
              + (0.3 + 0.4 * random.nextDouble()) + ",\"cooldownSeconds\":1}";
      engine.add(parser.parse(new JsonObject(doc)).withId("rule-" + i, 1));
    }
    long evaluationsBefore = engine.evaluations();
    Histogram with = run(engine, messages, rate, seconds);
    long evaluations = engine.evaluations() - evaluationsBefore;

    System.out.printf("alerts: rules=%d ticks/s=%d per message (%d updates) without rules p50=%.1fus p99=%.1fus max=%.1fus;"
            + " with rules p50=%.1fus p99=%.1fus max=%.1fus; added p99=%.3fms; evaluations/s=%d fired=%d%n",
        rules, rate, FRAME_SIZE, us(without, 50), us(without, 99), without.getMaxValue() / 1e3,
        us(with, 50), us(with, 99), with.getMaxValue() / 1e3, (us(with, 99) - us(without, 99)) / 1e3,
        evaluations / seconds, fired[0]);
  }

  private static double us(Histogram h, double percentile) {
    return h.getValueAtPercentile(percentile) / 1e3;
  }

  /** Handles one message the way the stage does, paced at {@code rate} updates per second; the handling times. */
  private static Histogram run(RuleEngine engine, List<GreeksUpdateFrames> messages, int rate, int seconds) {
    Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(1), 3);
    long intervalNanos = TimeUnit.SECONDS.toNanos(1) * FRAME_SIZE / rate;
    long total = (long) rate * seconds / FRAME_SIZE;
    long next = System.nanoTime();
    for (long n = 0; n < total; n++) {
      next += intervalNanos;
      long wait;
      while ((wait = next - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      GreeksUpdateFrames message = messages.get((int) (n % messages.size()));
      long start = System.nanoTime();
      engine.onGreeks(message);
      histogram.recordValue(Math.min(System.nanoTime() - start, histogram.getHighestTrackableValue()));
    }
    return histogram;
  }

  private static String key(int instrument) {
    return "NSE_FO|" + (40_000 + instrument);
  }

  /**
   * Messages of 50 updates as the greeks stage encodes them (every field of a {@code greeks_update}), each
   * instrument in turn, with deltas and IVs that wander so rules cross.
   */
  private static List<GreeksUpdateFrames> messages() {
    List<GreeksUpdateFrames> messages = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(42);
    int instrument = 0;
    JsonBytesWriter writer = new JsonBytesWriter();
    for (int m = 0; m < INSTRUMENTS * VARIANTS / FRAME_SIZE; m++) {
      List<GreeksUpdateFrame> frames = new ArrayList<>();
      for (int f = 0; f < FRAME_SIZE; f++) {
        int i = instrument++ % INSTRUMENTS;
        double delta = 0.2 + 0.6 * random.nextDouble();
        double iv = 0.12 + 0.03 * random.nextDouble();
        double price = 100 + delta * 10;
        GreeksUpdate update = GreeksUpdate.builder().instrumentKey(key(i)).symbol("NIFTY")
            .strike(20000 + 50 * (i / 2)).type(i % 2 == 0 ? "CE" : "PE").expiry("2026-12-08").price(price).oi(100_000)
            .oiChange(2_500).volume(50_000).bid(price - 0.5).ask(price + 0.5).iv(iv).delta(delta).gamma(0.000_8)
            .theta(-5.25).vega(10.5).rho(1.25).exchangeTimeMs(1_796_000_000_000L + m).sequence(m)
            .underlyingPrice(20_012.35).forward(20_040.7).forwardSource("parity").timeToExpiry(0.0164).rate(0.065)
            .ivStatus(IvStatus.OK).feedReceivedAtMicros(1_796_000_000_000_123L + m)
            .lastTradeTimeMs(1_796_000_000_000L).ivMid(iv + 0.001).quality(0).build();
        frames.add(GreeksUpdateFrame.of(update, writer));
      }
      messages.add(new GreeksUpdateFrames(frames));
    }
    return messages;
  }
}
