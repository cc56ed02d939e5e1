package org.optionstream.bench.pipeline;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.optionstream.bench.pipeline.SystemUnderTest.Variant;

/**
 * End-to-end pipeline benchmark (run it with {@code bench/pipeline.sh}): starts the system
 * on its simulator at a given tick rate, connects WebSocket clients to {@code /ws/greeks}, and
 * measures tick-to-client latency (feed receive time carried in every update to the moment a client
 * read it; one host, one wall clock) with HdrHistogram, plus offered, delivered, conflated and lost
 * counts; then the same against the bare relay (greeks and pcr replaced by pass-through relays of
 * the same message sizes); with {@code --find-max}, a rate ramp for each. Ends with one line:
 * <pre>pipeline: mode=&lt;single|cluster&gt; offered=&lt;n&gt;/s delivered=&lt;n&gt;/s p50=&lt;ms&gt; p99=&lt;ms&gt;
 * p999=&lt;ms&gt; relay-p99=&lt;ms&gt; lost=&lt;n&gt;</pre>
 * (and {@code max-sustained=<n>/s relay-max=<n>/s} with {@code --find-max}).
 *
 * <p>Counting, per measured window: the rate is set, the window runs, then the simulator is set to
 * 0 ticks/s and the harness waits until no update has arrived for {@value #QUIET_MILLIS} ms.
 * <ul>
 *   <li>offered: ticks per second the feed emitted (its {@code optionstream.feed.ticks} counter; the
 *       index's ticks, one key of several hundred, included), from just before the window until the
 *       simulator stopped;</li>
 *   <li>delivered: updates per second one client received during the window (mean over clients);</li>
 *   <li>conflated: the gateway's own count of updates it replaced in a slow client's backlog with a
 *       newer one of the same instrument (latest-wins, by design);</li>
 *   <li>shed: ticks the greeks stage replaced by a newer tick of the same instrument before pricing them,
 *       and (in the same accounting, not printed apart) ticks the feed replaced while greeks was not taking
 *       batches; each is a skipped sequence number at every client;</li>
 *   <li>lost: (a) sequence numbers the clients skipped that conflation and shedding do not explain, plus (b)
 *       per client and instrument, the updates after the newest one it holds once drained when a
 *       newer one exists elsewhere (its final value never arrived). Conflation never loses the final
 *       value, so (b) is loss under any design.</li>
 * </ul>
 */
public final class PipelineBench {

  /** Latencies above this are clamped (µs): 60 s. */
  static final long MAX_LATENCY_MICROS = 60_000_000L;
  /** The pipeline counts as drained after this long without any update at any client, ms. */
  static final long QUIET_MILLIS = 750;
  /**
   * Warm-up lasts until the JIT compilers of all the system's JVMs together used less than this share
   * of one core over {@value #JIT_PROBE_SECONDS} s: measuring while C2 still compiles measures start-up
   * (on two shared cores, four JVMs compiling at once take about a minute to settle).
   */
  static final double JIT_QUIET_SHARE = 0.03;
  static final int JIT_PROBE_SECONDS = 5;
  /** A ramp step waits at most this long for the compilers a new rate wakes up, seconds. */
  private static final int STEP_MAX_SETTLE_SECONDS = 30;
  private static final long DRAIN_TIMEOUT_MILLIS = 20_000;
  /** A window whose clients received less than this share of the offered ticks is a failure, not a figure. */
  private static final double STALLED_SHARE = 0.05;
  private static final double RAMP_FACTOR = 1.4;
  private static final int RAMP_CEILING = 1_000_000;
  private static final int RAMP_DOWN_STEPS = 5;
  private static final int RAMP_FLOOR = 500;
  /** The greeks stage's count of ticks replaced by a newer tick of their instrument before being priced. */
  private static final String GREEKS_SHED = "optionstream_greeks_shed_total";
  /** The feed's count of option ticks replaced by a newer one while greeks was not taking batches. */
  private static final String FEED_CONFLATED = "optionstream_feed_greeks_ticks_conflated_total";

  private final BenchSettings settings;
  private final long startNanos = System.nanoTime();

  private PipelineBench(BenchSettings settings) {
    this.settings = settings;
  }

  /**
   * Everything one variant (pipeline or relay) showed: the fixed window at each of the rates, the ramp, and
   * the overload window ({@code --overload}; null otherwise).
   */
  record VariantResult(StepResult fixed, List<StepResult> atRates, List<StepResult> ramp, StepResult overload) {

    /** Highest offered rate of a sustained step (the fixed window counts), 0 when none. */
    double maxSustained() {
      StepResult best = bestSustained();
      return best == null ? 0 : best.offeredPerSecond();
    }

    /** The sustained step (the fixed window counts) with the highest offered rate, null when none. */
    StepResult bestSustained() {
      StepResult best = fixed.sustained() ? fixed : null;
      for (StepResult s : ramp) {
        if (s.sustained() && (best == null || s.offeredPerSecond() > best.offeredPerSecond())) {
          best = s;
        }
      }
      return best;
    }
  }

  public static void main(String[] args) {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.print(BenchSettings.USAGE);
      return;
    }
    BenchSettings settings;
    try {
      settings = BenchSettings.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(BenchSettings.USAGE);
      System.exit(2);
      return;
    }
    int status = 0;
    try {
      status = new PipelineBench(settings).run();
    } catch (RuntimeException e) {
      System.out.flush();
      System.err.println(e.getMessage());
      System.out.println("pipeline: FAILED " + e.getMessage().lines().findFirst().orElse(""));
      status = 1;
    }
    System.exit(status);
  }

  private int run() {
    log("mode=%s rates=%s/s seconds=%d clients=%d warmup=%d-%ds find-max=%s expiries=%d window=%s jvm=%s",
        settings.mode(), settings.rates(), settings.seconds(), settings.clients(), settings.warmupSeconds(),
        settings.maxWarmupSeconds(), settings.findMax(), settings.expiries(),
        settings.windowPoints() > 0 ? "±" + settings.windowPoints() + " points" : "the feed's default", settings.jvmOptions());
    VariantResult pipeline = runVariant(Variant.PIPELINE);
    VariantResult withoutAnalytics = settings.analyticsOff() ? runVariant(Variant.PIPELINE_NO_ANALYTICS) : null;
    VariantResult relay = settings.relay() ? runVariant(Variant.RELAY) : null;

    System.out.println();
    System.out.println(pipeline.fixed().describe("pipeline"));
    pipeline.ramp().forEach(s -> System.out.println(s.describe("  pipeline ramp")));
    if (relay != null) {
      System.out.println(relay.fixed().describe("relay"));
      relay.ramp().forEach(s -> System.out.println(s.describe("  relay ramp")));
    }
    StepResult f = pipeline.fixed();
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
        "pipeline: mode=%s offered=%d/s delivered=%d/s p50=%.3f p99=%.3f p999=%.3f relay-p99=%s lost=%d",
        settings.mode(), Math.round(f.offeredPerSecond()), Math.round(f.deliveredPerSecond()), f.p50Millis(),
        f.p99Millis(), f.p999Millis(),
        relay == null ? "n/a" : String.format(Locale.ROOT, "%.3f", relay.fixed().p99Millis()), f.lost()));
    if (settings.findMax()) {
      line.append(String.format(Locale.ROOT, " max-sustained=%d/s relay-max=%s",
          Math.round(pipeline.maxSustained()),
          relay == null ? "n/a" : Math.round(relay.maxSustained()) + "/s"));
    }
    System.out.println(line);
    if (pipeline.overload() != null) {
      System.out.println(overloadLine(pipeline));
    }
    if (withoutAnalytics != null) {
      pipeline.atRates().forEach(st -> System.out.println(st.describe("analytics on")));
      withoutAnalytics.atRates().forEach(st -> System.out.println(st.describe("analytics off")));
      System.out.println(analyticsLine(pipeline, withoutAnalytics));
    }
    return 0;
  }

  /**
   * {@code pipeline-analytics: mode=… rate=1000/s on-p50=… on-p99=… off-p50=… off-p99=… added-p99=… | rate=5000/s …}:
   * the same system with the chain analytics on and off, at every rate of the run.
   */
  private String analyticsLine(VariantResult on, VariantResult off) {
    StringBuilder sb = new StringBuilder("pipeline-analytics: mode=" + settings.mode());
    for (int i = 0; i < on.atRates().size() && i < off.atRates().size(); i++) {
      StepResult a = on.atRates().get(i);
      StepResult b = off.atRates().get(i);
      sb.append(i == 0 ? " " : " | ").append(String.format(Locale.ROOT,
          "rate=%d/s offered=%d/s on-p50=%.3f on-p99=%.3f off-p50=%.3f off-p99=%.3f added-p99=%.3f lost=%d/%d",
          settings.rates().get(i), Math.round(a.offeredPerSecond()), a.p50Millis(), a.p99Millis(), b.p50Millis(),
          b.p99Millis(), a.p99Millis() - b.p99Millis(), a.lost(), b.lost()));
    }
    return sb.toString();
  }

  /**
   * {@code pipeline-overload: mode=… max-sustained=…/s (p99 … longest-silence … shed …) overload=F×: asked=… offered=…
   * delivered=… p99=… longest-silence=… (instrument) shed=… (…/s)}: the system at its sustained maximum and at F times it.
   */
  private String overloadLine(VariantResult result) {
    StepResult max = result.bestSustained();
    StepResult over = result.overload();
    double windowSeconds = settings.seconds();
    return String.format(Locale.ROOT,
        "pipeline-overload: mode=%s max-sustained=%d/s (delivered=%d/s p99=%.3f ms longest-silence=%.0f ms shed=%s)"
            + " overload=%.1fx: asked=%d/s offered=%d/s delivered=%d/s p50=%.3f p99=%.3f ms longest-silence=%.0f ms (%s)"
            + " shed=%s (about %.0f/s) conflated=%s lost=%d",
        settings.mode(), Math.round(max.offeredPerSecond()), Math.round(max.deliveredPerSecond()), max.p99Millis(),
        max.longestSilence().millis(), StepResult.count(max.shed()), settings.overloadFactor(), over.askedRate(),
        Math.round(over.offeredPerSecond()), Math.round(over.deliveredPerSecond()), over.p50Millis(), over.p99Millis(),
        over.longestSilence().millis(), over.longestSilence().instrumentKey(), StepResult.count(over.shed()),
        over.shed() / windowSeconds, StepResult.count(over.conflated()), over.lost());
  }

  private VariantResult runVariant(Variant variant) {
    String name = variant.name().toLowerCase(Locale.ROOT);
    log("%s: starting the %s system", name, settings.mode());
    try (SystemUnderTest sut = SystemUnderTest.start(settings, variant, settings.logDir())) {
      sut.awaitReady(Duration.ofSeconds(150));
      log("%s: ready (gateway on port %d)", name, sut.httpPort());
      Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Math.min(settings.clients(), 2)));
      try {
        Recorder recorder = new Recorder(MAX_LATENCY_MICROS, 3);
        WebSocketClient wsClient = vertx.createWebSocketClient(new WebSocketClientOptions()
            .setMaxMessageSize(64 * 1024 * 1024)
            .setMaxFrameSize(64 * 1024 * 1024));
        List<UpdateClient> clients = new ArrayList<>();
        List<Future<UpdateClient>> connecting = new ArrayList<>();
        for (int i = 0; i < settings.clients(); i++) {
          UpdateClient c = new UpdateClient(recorder);
          clients.add(c);
          connecting.add(c.connect(wsClient, sut.httpPort()));
        }
        await(Future.all(connecting), Duration.ofSeconds(30), "connecting " + settings.clients() + " clients");
        awaitFlowing(sut, clients);
        // The first scrapes are slow (class loading, cold code): take them during the warm-up.
        sut.gatewayMetrics();
        sut.feedMetrics();
        log("%s: %d clients receiving; warming up at %d ticks/s (at least %d s, at most %d s, until the JIT settles)",
            name, clients.size(), settings.rate(), settings.warmupSeconds(), settings.maxWarmupSeconds());
        warmUp(sut, name, settings.warmupSeconds(), settings.maxWarmupSeconds());
        StepResult fixed = measure(sut, clients, recorder, settings.rate(), settings.seconds(), false);
        log("%s", fixed.describe(name));
        List<StepResult> atRates = new ArrayList<>(List.of(fixed));
        for (int r : settings.rates().subList(1, settings.rates().size())) {
          StepResult step = measure(sut, clients, recorder, r, settings.seconds(), true);
          atRates.add(step);
          log("%s", step.describe(name + " at " + r + "/s"));
        }
        List<StepResult> ramp = new ArrayList<>();
        if (settings.findMax()) {
          if (fixed.sustained()) {
            // up from --rate until a step fails (or the simulator cannot offer more)
            int rate = (int) Math.round(settings.rate() * RAMP_FACTOR);
            StepResult last = fixed;
            while (last.sustained() && last.reachedAskedRate() && rate <= RAMP_CEILING && sut.alive()) {
              last = measure(sut, clients, recorder, rate, settings.stepSeconds(), true);
              ramp.add(last);
              log("%s", last.describe(name + " ramp"));
              rate = (int) Math.round(rate * RAMP_FACTOR);
            }
          } else {
            // down from --rate until a step holds
            int rate = (int) Math.round(settings.rate() / RAMP_FACTOR);
            for (int i = 0; i < RAMP_DOWN_STEPS && rate >= RAMP_FLOOR && sut.alive(); i++) {
              StepResult step = measure(sut, clients, recorder, rate, settings.stepSeconds(), true);
              ramp.add(step);
              log("%s", step.describe(name + " ramp"));
              if (step.sustained()) {
                break;
              }
              rate = (int) Math.round(rate / RAMP_FACTOR);
            }
          }
        }
        StepResult overload = null;
        if (settings.overloadFactor() > 0 && variant != Variant.RELAY) {
          StepResult best = new VariantResult(fixed, atRates, ramp, null).bestSustained();
          if (best == null) {
            throw new IllegalStateException("--overload: no rate was sustained, so there is no maximum to overload");
          }
          int rate = (int) Math.round(best.offeredPerSecond() * settings.overloadFactor());
          log("%s: overload at %.1f x the sustained maximum %.0f/s: asking %d ticks/s", name, settings.overloadFactor(),
              best.offeredPerSecond(), rate);
          overload = measure(sut, clients, recorder, rate, settings.seconds(), true);
          log("%s", overload.describe(name + " overload"));
        }
        clients.forEach(UpdateClient::close);
        return new VariantResult(fixed, atRates, ramp, overload);
      } finally {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null)
            .join();
      }
    }
  }

  /** Waits until every client has received greeks updates (the feed is live and the chain known). */
  private void awaitFlowing(SystemUnderTest sut, List<UpdateClient> clients) {
    sut.setRate(settings.rate());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (clients.stream().allMatch(c -> c.greeksFrames() > 0)) {
        return;
      }
      requireAlive(sut);
      SystemUnderTest.pause(200);
    }
    throw new IllegalStateException("no greeks_update reached the clients within 90 s");
  }

  /**
   * One measured window at {@code rate}: settle (ramp steps only), record, then stop the simulator,
   * drain and count.
   */
  private StepResult measure(SystemUnderTest sut, List<UpdateClient> clients, Recorder recorder, int rate,
      int seconds, boolean settle) {
    if (!sut.setRate(rate)) {
      log("warning: the simulator refused rate %d", rate);
    }
    if (settle) {
      warmUp(sut, "step " + rate + "/s", 1, STEP_MAX_SETTLE_SECONDS);
    }
    // A Prometheus scrape runs on the scraped process's event loop: take it, then let the stall it
    // causes pass before the window opens, so the harness does not measure its own probing.
    double conflated0 = PrometheusText.sum(sut.gatewayMetrics(), "optionstream_gateway_conflated_total");
    double feedTicks0 = PrometheusText.sum(sut.feedMetrics(), "optionstream_feed_ticks_total");
    double feedConflated0 = PrometheusText.sum(sut.feedMetrics(), FEED_CONFLATED);
    double shed0 = PrometheusText.sum(sut.greeksMetrics(), GREEKS_SHED);
    long tScrape0 = System.nanoTime();
    runFor(sut, 1);
    List<UpdateClient.Snapshot> before = snapshots(clients);
    Map<String, Long> cpu0 = sut.cpuNanos();
    recorder.getIntervalHistogram();
    clients.forEach(c -> c.recording(true));
    long t0 = System.nanoTime();
    runFor(sut, seconds);
    clients.forEach(c -> c.recording(false));
    long t1 = System.nanoTime();
    List<Map<String, UpdateClient.InstrumentSilence>> silences = new ArrayList<>();
    for (UpdateClient c : clients) {
      silences.add(c.silences(t1));
    }
    List<UpdateClient.Snapshot> atEnd = snapshots(clients);
    Histogram latency = recorder.getIntervalHistogram();
    Map<String, Long> cpu1 = sut.cpuNanos();
    sut.setRate(0);
    long tStop = System.nanoTime();
    drain(sut, clients);
    double conflated1 = PrometheusText.sum(sut.gatewayMetrics(), "optionstream_gateway_conflated_total");
    double feedTicks1 = PrometheusText.sum(sut.feedMetrics(), "optionstream_feed_ticks_total");
    double feedConflated = PrometheusText.sum(sut.feedMetrics(), FEED_CONFLATED) - feedConflated0;
    double shed = PrometheusText.sum(sut.greeksMetrics(), GREEKS_SHED) - shed0;
    List<UpdateClient.Snapshot> after = snapshots(clients);
    Map<String, Long> gatewayNewest = gatewayNewest(sut);

    double windowSeconds = (t1 - t0) / 1e9;
    Map<String, Long> base = new HashMap<>();
    Map<String, Long> fin = new HashMap<>(gatewayNewest);
    for (UpdateClient.Snapshot s : before) {
      s.newestSequence().forEach((k, v) -> base.merge(k, v, Math::max));
    }
    for (UpdateClient.Snapshot s : after) {
      s.newestSequence().forEach((k, v) -> fin.merge(k, v, Math::max));
    }
    long offered = 0;
    Map<String, Long> ticked = new HashMap<>();
    for (Map.Entry<String, Long> e : fin.entrySet()) {
      Long b = base.get(e.getKey());
      if (b != null) {
        offered += Math.max(0, e.getValue() - b);
        if (e.getValue() > b) {
          ticked.put(e.getKey(), e.getValue());
        }
      }
    }
    UpdateClient.Silence longestSilence = UpdateClient.Silence.longest(silences, ticked);
    long gaps = 0;
    long stale = 0;
    long tailLost = 0;
    long frames = 0;
    long bytes = 0;
    long delivered = 0;
    for (int i = 0; i < clients.size(); i++) {
      UpdateClient.Snapshot b = before.get(i);
      UpdateClient.Snapshot a = after.get(i);
      gaps += a.gaps() - b.gaps();
      stale += a.stale() - b.stale();
      delivered += atEnd.get(i).greeksFrames() - b.greeksFrames();
      frames += a.greeksFrames() + a.otherFrames() - b.greeksFrames() - b.otherFrames();
      bytes += a.bytes() - b.bytes();
      for (Map.Entry<String, Long> e : fin.entrySet()) {
        Long held = a.newestSequence().get(e.getKey());
        Long from = base.get(e.getKey());
        if (from == null) {
          continue;
        }
        long have = held == null ? from : Math.max(held, from);
        tailLost += Math.max(0, e.getValue() - have);
      }
    }
    double conflated = conflated1 - conflated0;
    // a tick the feed or greeks replaced by a newer one (counted there) is a gap at every client
    double upstream = (Double.isNaN(feedConflated) ? 0 : feedConflated) + (Double.isNaN(shed) ? 0 : shed);
    long unexplained = Math.max(0, gaps - (Double.isNaN(conflated) ? 0 : Math.round(conflated))
        - Math.round(upstream * clients.size()));
    Map<String, Double> cpu = new LinkedHashMap<>();
    double windowNanos = t1 - t0;
    cpu0.forEach((k, v) -> {
      Long end = cpu1.get(k);
      if (v >= 0 && end != null && end >= 0) {
        cpu.put(k, 100.0 * (end - v) / windowNanos);
      }
    });
    // offered: the feed's own tick counter from the first scrape until the simulator stopped; without it,
    // the sequence advance over the window and the drain (which over-counts while clients lag at t0)
    double sequenceAdvancePerSecond = offered / ((tStop - t0) / 1e9);
    double feedTicksPerSecond = (feedTicks1 - feedTicks0) / ((tStop - tScrape0) / 1e9);
    double offeredPerSecond = Double.isNaN(feedTicksPerSecond) ? sequenceAdvancePerSecond : feedTicksPerSecond;
    double deliveredPerSecond = (double) delivered / clients.size() / windowSeconds;
    requireAlive(sut);
    if (offeredPerSecond > 0 && deliveredPerSecond < STALLED_SHARE * offeredPerSecond) {
      throw new IllegalStateException(String.format(Locale.ROOT,
          "the pipeline stopped processing: the feed offered %.0f ticks/s but the clients received %.0f updates/s"
              + " (stage logs under %s)", offeredPerSecond, deliveredPerSecond, settings.logDir()));
    }
    return new StepResult(rate, offeredPerSecond, deliveredPerSecond, latency, gaps,
        conflated, tailLost, tailLost + unexplained, stale, sequenceAdvancePerSecond,
        frames == 0 ? 0 : (double) bytes / frames, cpu, settings.maxP99Millis(), shed, longestSilence);
  }

  /** Waits until no client has received anything for {@link #QUIET_MILLIS}. */
  private void drain(SystemUnderTest sut, List<UpdateClient> clients) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_TIMEOUT_MILLIS);
    long last = total(clients);
    long quietSince = System.nanoTime();
    while (System.nanoTime() < deadline) {
      SystemUnderTest.pause(50);
      long now = total(clients);
      if (now != last) {
        last = now;
        quietSince = System.nanoTime();
      } else if (System.nanoTime() - quietSince >= TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS)) {
        return;
      }
    }
    log("warning: updates still arriving %d s after the simulator stopped", DRAIN_TIMEOUT_MILLIS / 1000);
    requireAlive(sut);
  }

  private static long total(List<UpdateClient> clients) {
    long sum = 0;
    for (UpdateClient c : clients) {
      sum += c.greeksFrames();
    }
    return sum;
  }

  /** The gateway cache's newest sequence per instrument ({@code /api/greeks}); empty when unreadable. */
  private static Map<String, Long> gatewayNewest(SystemUnderTest sut) {
    Map<String, Long> out = new HashMap<>();
    String body = sut.gatewayGreeks();
    if (body.isBlank()) {
      return out;
    }
    try {
      Object parsed = body.trim().startsWith("[") ? new JsonArray(body) : new JsonObject(body);
      JsonArray rows = parsed instanceof JsonArray a ? a : findArray((JsonObject) parsed);
      if (rows == null) {
        return out;
      }
      for (Object o : rows) {
        if (o instanceof JsonObject row) {
          JsonObject data = row.containsKey("data") && row.getValue("data") instanceof JsonObject d ? d : row;
          String key = data.getString("instrumentKey");
          Object seq = data.getValue("sequence");
          if (key != null && seq instanceof Number n) {
            out.merge(key, n.longValue(), Math::max);
          }
        }
      }
    } catch (RuntimeException e) {
      // not the expected shape: the clients' own view is used alone
    }
    return out;
  }

  private static JsonArray findArray(JsonObject o) {
    for (String field : o.fieldNames()) {
      if (o.getValue(field) instanceof JsonArray a) {
        return a;
      }
    }
    return null;
  }

  private static List<UpdateClient.Snapshot> snapshots(List<UpdateClient> clients) {
    List<UpdateClient.Snapshot> out = new ArrayList<>(clients.size());
    for (UpdateClient c : clients) {
      out.add(c.snapshot());
    }
    return out;
  }

  /**
   * Runs at the current rate for at least {@code minSeconds}, then on until the JIT compilers are quiet
   * ({@link #JIT_QUIET_SHARE}) or {@code maxSeconds} have passed; logs which.
   */
  private void warmUp(SystemUnderTest sut, String name, int minSeconds, int maxSeconds) {
    long start = System.nanoTime();
    runFor(sut, minSeconds);
    long before = sut.jitCpuNanos();
    if (before < 0) {
      log("%s: warmed up %d s (JIT activity unreadable on this OS)", name, minSeconds);
      return;
    }
    double share = Double.NaN;
    while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(maxSeconds)) {
      runFor(sut, JIT_PROBE_SECONDS);
      long after = sut.jitCpuNanos();
      share = (after - before) / (JIT_PROBE_SECONDS * 1e9);
      before = after;
      if (share < JIT_QUIET_SHARE) {
        log("%s: warmed up %.0f s (JIT compilers at %.1f %% of a core)", name, (System.nanoTime() - start) / 1e9,
            100 * share);
        return;
      }
    }
    log("%s: JIT still compiling after %.0f s (%.1f %% of a core); measuring anyway", name,
        (System.nanoTime() - start) / 1e9, 100 * share);
  }

  private void runFor(SystemUnderTest sut, int seconds) {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      requireAlive(sut);
      SystemUnderTest.pause(Math.min(200, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
    }
  }

  private static void requireAlive(SystemUnderTest sut) {
    sut.requireAlive();
  }

  private static <T> T await(Future<T> future, Duration timeout, String what) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(what + " failed: " + e, e);
    }
  }

  private void log(String format, Object... args) {
    double elapsed = (System.nanoTime() - startNanos) / 1e9;
    System.out.printf(Locale.ROOT, "[%6.1fs] %s%n", elapsed, String.format(Locale.ROOT, format, args));
  }
}
