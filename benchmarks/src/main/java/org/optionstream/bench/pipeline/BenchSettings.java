package org.optionstream.bench.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The harness's options ({@code bench/pipeline.sh --help}).
 *
 * @param cluster       four JVMs over Hazelcast instead of one
 * @param rate          ticks per second asked of the simulator (the fixed-rate window; the ramp's first step)
 * @param seconds       length of the measured window, seconds
 * @param clients       WebSocket clients on {@code /ws/greeks}
 * @param warmupSeconds    least seconds at {@code rate} before measuring (JIT, caches)
 * @param maxWarmupSeconds most seconds of warm-up while the JIT compilers are still busy
 * @param findMax       ramp the rate after the fixed-rate window
 * @param stepSeconds   length of each ramp step's measured window, seconds
 * @param maxP99Millis  a ramp step fails when its p99 is above this, milliseconds (50)
 * @param expiries      expiries the feed tracks ({@code FEED_EXPIRIES})
 * @param windowPoints  strikes tracked each side of ATM, index points ({@code FEED_WINDOW_POINTS}); 0: the feed's
 *                      default universe (every default underlying, ±10 strikes each)
 * @param rates         the rates measured one after the other (fixed windows) in each system started; the first
 *                      is {@code rate}
 * @param analyticsOff  also run the pipeline with the chain analytics off ({@code ANALYTICS_ENABLED=false}) at the
 *                      same rates, and report what the analytics add
 * @param relay         also run the bare relay baseline
 * @param overloadFactor 0, or: after the ramp ({@code findMax} is implied) offer this many times the highest
 *                      sustained rate for {@code seconds} and report how the system degrades
 * @param jvmOptions    options of every system-under-test JVM ({@code BENCH_JVM_OPTS})
 * @param extraEnv      extra environment for every system-under-test JVM ({@code --env NAME=VALUE})
 * @param logDir        where the processes' logs go
 */
record BenchSettings(
    boolean cluster,
    int rate,
    int seconds,
    int clients,
    int warmupSeconds,
    int maxWarmupSeconds,
    boolean findMax,
    int stepSeconds,
    double maxP99Millis,
    int expiries,
    double windowPoints,
    List<Integer> rates,
    boolean analyticsOff,
    boolean relay,
    double overloadFactor,
    List<String> jvmOptions,
    Map<String, String> extraEnv,
    Path logDir) {

  static final String USAGE = """
      usage: bench/pipeline.sh [--cluster] [--rate N] [--seconds S] [--clients C] [--find-max]
                               [--warmup S] [--max-warmup S] [--step-seconds S] [--expiries N] [--window-points P]
                               [--rates R1,R2,...] [--analytics-off] [--no-relay] [--overload F] [--env NAME=VALUE]...
        --cluster         feed, greeks, pcr and gateway as four JVMs over Hazelcast on loopback (default: one JVM)
        --rate N          simulator ticks per second (default 20000)
        --seconds S       measured window, seconds (default 20)
        --clients C       WebSocket clients on /ws/greeks (default 2)
        --find-max        then ramp the rate (x1.4 per step) until p99 > 50 ms, anything is lost or
                          clients get < 98 % of the updates (conflation); reports the highest sustained rate
                          (ramps down from --rate instead when --rate itself is not sustained)
        --warmup S        least seconds at --rate before measuring (default 10); the warm-up then goes on
                          until the system JVMs' JIT compilers use < 3 % of a core (read from /proc)
        --max-warmup S    most seconds of warm-up (default 240)
        --step-seconds S  measured seconds per ramp step (default 6)
        --expiries N      expiries of the chain (FEED_EXPIRIES, default 3)
        --window-points P strikes tracked each side of ATM, index points (FEED_WINDOW_POINTS; default: the feed's
                          own, ±10 strikes of each of the five default underlyings, about 630 options)
        --rates R1,R2     measure a fixed window at each of these rates in turn (the first replaces --rate)
        --analytics-off   then the same with the chain analytics off (ANALYTICS_ENABLED=false); ends with one line
                          pipeline-analytics: ... giving p50/p99 with and without them at every rate
        --no-relay        skip the bare-relay baseline
        --overload F      after the ramp (implies --find-max), offer F times the highest sustained rate for --seconds;
                          ends with one line more: pipeline-overload: the figures at the sustained maximum and at F
                          times it (delivered, p99, the longest any instrument went without an update, ticks
                          the greeks stage shed)
        --env NAME=VALUE  extra environment for every system JVM (repeatable)
      BENCH_JVM_OPTS sets the system JVMs' options (default "-XX:+UseG1GC -Xms256m -Xmx512m").
      """;

  static BenchSettings parse(String[] args) {
    boolean cluster = false;
    int rate = 20_000;
    int seconds = 20;
    int clients = 2;
    int warmup = 10;
    int maxWarmup = 240;
    boolean findMax = false;
    int stepSeconds = 6;
    int expiries = 3;
    double windowPoints = 0;
    List<Integer> rates = new ArrayList<>();
    boolean analyticsOff = false;
    boolean relay = true;
    double overload = 0;
    Map<String, String> env = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--cluster" -> cluster = true;
        case "--find-max" -> findMax = true;
        case "--no-relay" -> relay = false;
        case "--analytics-off" -> analyticsOff = true;
        case "--rates" -> {
          for (String r : value(a, args, ++i).split(",")) {
            int v = Integer.parseInt(r.trim());
            if (v <= 0) {
              throw new IllegalArgumentException("--rates must be > 0, got " + v);
            }
            rates.add(v);
          }
        }
        case "--rate" -> rate = positive(a, args, ++i);
        case "--seconds" -> seconds = positive(a, args, ++i);
        case "--clients" -> clients = positive(a, args, ++i);
        case "--warmup" -> warmup = nonNegative(a, args, ++i);
        case "--max-warmup" -> maxWarmup = nonNegative(a, args, ++i);
        case "--step-seconds" -> stepSeconds = positive(a, args, ++i);
        case "--expiries" -> expiries = positive(a, args, ++i);
        case "--window-points" -> windowPoints = positive(a, args, ++i);
        case "--overload" -> {
          overload = Double.parseDouble(value(a, args, ++i));
          if (!(overload > 1)) {
            throw new IllegalArgumentException("--overload must be > 1 (a multiple of the sustained maximum), got " + overload);
          }
          findMax = true;
        }
        case "--env" -> {
          String kv = value(a, args, ++i);
          int eq = kv.indexOf('=');
          if (eq <= 0) {
            throw new IllegalArgumentException("--env wants NAME=VALUE, got '" + kv + "'");
          }
          env.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        default -> throw new IllegalArgumentException("unknown option '" + a + "'");
      }
    }
    String jvm = System.getenv().getOrDefault("BENCH_JVM_OPTS", "-XX:+UseG1GC -Xms256m -Xmx512m");
    List<String> jvmOptions = new ArrayList<>(Arrays.asList(jvm.trim().split("\\s+")));
    jvmOptions.removeIf(String::isEmpty);
    Path logDir = Path.of(System.getenv().getOrDefault("BENCH_LOG_DIR", "benchmarks/target/pipeline-logs"));
    if (rates.isEmpty()) {
      rates.add(rate);
    } else {
      rate = rates.get(0);
    }
    return new BenchSettings(cluster, rate, seconds, clients, warmup, Math.max(warmup, maxWarmup), findMax,
        stepSeconds, 50.0, expiries,
        windowPoints, List.copyOf(rates), analyticsOff, relay, overload, List.copyOf(jvmOptions), Map.copyOf(env), logDir);
  }

  String mode() {
    return cluster ? "cluster" : "single";
  }

  private static String value(String option, String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static int positive(String option, String[] args, int i) {
    int v = Integer.parseInt(value(option, args, i));
    if (v <= 0) {
      throw new IllegalArgumentException(option + " must be > 0, got " + v);
    }
    return v;
  }

  private static int nonNegative(String option, String[] args, int i) {
    int v = Integer.parseInt(value(option, args, i));
    if (v < 0) {
      throw new IllegalArgumentException(option + " must be >= 0, got " + v);
    }
    return v;
  }
}
