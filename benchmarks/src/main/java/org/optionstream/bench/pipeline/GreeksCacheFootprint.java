package org.optionstream.bench.pipeline;

import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import org.optionstream.common.json.GreeksUpdate;
import org.optionstream.common.pricing.Black76;
import org.optionstream.common.pricing.ExpiryClock;
import org.optionstream.common.pricing.IvStatus;
import org.optionstream.common.time.IstTime;
import org.optionstream.gateway.cache.Frame;
import org.optionstream.gateway.cache.GatewayCaches;
import org.optionstream.greeks.GreeksBook;

/**
 * Heap held by the greeks caches for N instruments (target: at most 10 MB for 5,000), measured
 * without an agent: heap used after a full GC with the cache filled, minus heap used after a full GC
 * with it empty, median of several rounds (heap pools' usage as of the last collection). Run it
 * in its own JVM with {@code -XX:+UseSerialGC}, so {@code System.gc()} is a full, compacting collection. Each
 * instrument gets one realistic update
 * (distinct key, several expiries and strikes, full-precision Greeks from Black-76).
 * <ul>
 *   <li>{@code greeks-book}: the greeks stage's newest-update-per-instrument book, filled through its
 *       own {@code offer} method;</li>
 *   <li>{@code gateway}: the gateway's caches ({@link GatewayCaches}), each entry a {@link Frame}
 *       built from the update as it arrives over the clustered bus (decoded from JSON text) and then
 *       written to one WebSocket client (so its message bytes exist, as in steady state).</li>
 * </ul>
 * Usage: {@code GreeksCacheFootprint [instruments] [rounds]}, defaults 5000 and 5.
 */
public final class GreeksCacheFootprint {

  /** Unmeasured fills first: class loading, JIT and lazily built library caches settle. */
  private static final int WARMUP_ROUNDS = 2;

  private GreeksCacheFootprint() {
  }

  public static void main(String[] args) {
    int instruments = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    List<GreeksUpdate> updates = realisticUpdates(instruments);
    long jsonBytes = 0;
    for (GreeksUpdate u : updates) {
      jsonBytes += u.toMessage().encode().length();
    }
    System.out.printf(Locale.ROOT, "instruments=%d mean greeks_update message=%d bytes (JSON text)%n",
        instruments, jsonBytes / instruments);
    report("greeks-book", instruments, rounds, i -> fillGreeksBook(updates));
    report("gateway", instruments, rounds, i -> fillGateway(updates));
  }

  /** Holds the cache under measurement, so nothing can collect it before the second reading. */
  private static volatile Object held;

  private static void report(String name, int instruments, int rounds, IntFunction<Object> fill) {
    for (int r = 0; r < WARMUP_ROUNDS; r++) {
      held = fill.apply(r);
      held = null;
    }
    long[] deltas = new long[rounds];
    for (int r = 0; r < rounds; r++) {
      long before = usedAfterGc();
      held = fill.apply(r);
      long with = usedAfterGc();
      held = null;
      deltas[r] = with - before;
    }
    long[] sorted = deltas.clone();
    Arrays.sort(sorted);
    long median = sorted[rounds / 2];
    System.out.printf(Locale.ROOT, "cache=%s instruments=%d heap=%.2f MB (%d bytes/instrument; rounds %s)%n",
        name, instruments, median / 1048576.0, median / instruments, Arrays.toString(deltas));
  }

  /** A fresh greeks-stage book per round, filled through its {@code offer}. */
  private static Object fillGreeksBook(List<GreeksUpdate> updates) {
    GreeksBook book = new GreeksBook();
    for (GreeksUpdate u : updates) {
      book.offer(asComputed(u));
    }
    return book;
  }

  /**
   * {@code u} as the greeks stage builds it per tick in a cluster member: its own record, and its own
   * strings for what comes from the decoded tick (key, symbol) or is formatted per tick (expiry date).
   */
  private static GreeksUpdate asComputed(GreeksUpdate u) {
    return GreeksUpdate.builder().instrumentKey(new String(u.instrumentKey())).symbol(new String(u.symbol()))
        .strike(u.strike()).type(u.type()).expiry(new String(u.expiry())).price(u.price()).oi(u.oi())
        .oiChange(u.oiChange()).volume(u.volume()).bid(u.bid()).ask(u.ask()).iv(u.iv()).delta(u.delta())
        .gamma(u.gamma()).theta(u.theta()).vega(u.vega()).rho(u.rho()).exchangeTimeMs(u.exchangeTimeMs())
        .sequence(u.sequence()).underlyingPrice(u.underlyingPrice()).forward(u.forward())
        .forwardSource(u.forwardSource()).timeToExpiry(u.timeToExpiry()).rate(u.rate()).ivStatus(u.ivStatus())
        .feedReceivedAtMicros(u.feedReceivedAtMicros()).build();
  }

  /**
   * The gateway's caches, fed as over the clustered bus (each data object decoded from its JSON text),
   * every frame then sent to one WebSocket client (which makes the frame encode its message).
   */
  private static Object fillGateway(List<GreeksUpdate> updates) {
    GatewayCaches caches = new GatewayCaches(frame -> { });
    for (GreeksUpdate u : updates) {
      Frame frame = Frame.greeks(new JsonObject(u.toJson().encode()));
      caches.accept(frame);
      frame.message();
    }
    return caches;
  }

  /**
   * One update per instrument: NIFTY-like strikes every 50 points around 24,000, CE and PE, spread
   * over as many weekly expiries as needed; prices and Greeks from Black-76 at 14 % vol.
   */
  static List<GreeksUpdate> realisticUpdates(int instruments) {
    List<GreeksUpdate> out = new ArrayList<>(instruments);
    double forward = 24_012.35;
    double rate = 0.10;
    long now = System.currentTimeMillis();
    int firstExpiry = (int) LocalDate.now().plusDays(2).toEpochDay();
    int perExpiry = 400;
    for (int i = 0; i < instruments; i++) {
      int expiryIndex = i / perExpiry;
      int inExpiry = i % perExpiry;
      boolean call = inExpiry % 2 == 0;
      double strike = 24_000 + 50.0 * (inExpiry / 2 - perExpiry / 4);
      int expiryDay = firstExpiry + 7 * expiryIndex;
      double years = ExpiryClock.yearsToExpiry(now, ExpiryClock.expiryInstantMillis(expiryDay));
      double vol = 0.14 + 0.0001 * Math.abs(strike - forward) / 50;
      double price = Math.max(0.05, Math.round(Black76.price(forward, strike, years, vol, rate, call) * 20) / 20.0);
      double sqrtT = Math.sqrt(years);
      double d1 = (Math.log(forward / strike) + 0.5 * vol * vol * years) / (vol * sqrtT);
      double df = Math.exp(-rate * years);
      double pdf = Math.exp(-0.5 * d1 * d1) / Math.sqrt(2 * Math.PI);
      double delta = df * (call ? cdf(d1) : cdf(d1) - 1);
      double gamma = df * pdf / (forward * vol * sqrtT);
      double vega = df * forward * pdf * sqrtT / 100;
      double theta = -df * forward * pdf * vol / (2 * sqrtT) / 365;
      double rho = -years * price / 100;
      double oi = 75.0 * (1000 + (i * 7919L) % 150_000);
      out.add(GreeksUpdate.builder().instrumentKey("NSE_FO|" + (40_000 + i)).symbol("NIFTY").strike(strike)
          .type(call ? "CE" : "PE").expiry(IstTime.date(expiryDay)).price(price).oi(oi)
          .oiChange(75.0 * ((i * 31L) % 4000 - 2000)).volume(75L * (i * 104_729L % 900_000)).bid(price - 0.05)
          .ask(price + 0.05).iv(vol).delta(delta).gamma(gamma).theta(theta).vega(vega).rho(rho).exchangeTimeMs(now)
          .sequence(1000 + i).underlyingPrice(24_001.7).forward(forward).forwardSource("SYNTHETIC")
          .timeToExpiry(years).rate(rate).ivStatus(IvStatus.OK).feedReceivedAtMicros(now * 1000 + 123).build());
    }
    return out;
  }

  private static double cdf(double x) {
    return org.optionstream.common.pricing.Normal.cdf(x);
  }

  /** Heap live after a full collection: every heap pool's usage as of its last collection, summed. */
  private static long usedAfterGc() {
    for (int i = 0; i < 4; i++) {
      System.gc();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
        used += pool.getCollectionUsage().getUsed();
      }
    }
    return used;
  }
}
