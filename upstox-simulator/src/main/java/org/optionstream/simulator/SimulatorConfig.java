package org.optionstream.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import org.optionstream.common.config.Env;
import org.optionstream.common.config.RiskFreeRate;

/**
 * The Upstox simulator's settings.
 *
 * @param host                  {@code SIM_HOST}: bind address (default {@code 127.0.0.1}; {@code 0.0.0.0} in a pod)
 * @param port                  {@code SIM_PORT}: 0 = any free port (default 0; the simulator's own process: 8090)
 * @param ticksPerSecond        {@code SIM_TICKS_PER_SECOND}: feeds per second per connection, spread round-robin
 *                              over its subscribed keys (default 1000: about 1.5 updates per second for each of
 *                              the ~665 keys of the default universe, the pace of Upstox's option_greeks feed on
 *                              a liquid chain; the benchmark load generator goes to 100k+)
 * @param seed                  {@code SIM_SEED}: seed of every random path (default 42)
 * @param spots                 {@code SIM_<SYMBOL>_SPOT}: opening index level per underlying, index points
 *                              (NIFTY 23 700, BANKNIFTY 51 200, FINNIFTY 24 800, MIDCPNIFTY 12 600, SENSEX 78 000)
 * @param timeScale             {@code SIM_TIME_SCALE}: index volatility clock speed-up; 60 = one wall-clock second
 *                              moves the index like one minute of market time (default 60, so the dashboard moves)
 * @param weeklyExpiries        {@code SIM_WEEKLY_EXPIRIES}: weekly expiries listed for NIFTY and SENSEX (default 4)
 * @param monthlyExpiries       {@code SIM_MONTHLY_EXPIRIES}: monthly expiries listed for BANKNIFTY, FINNIFTY and
 *                              MIDCPNIFTY (default 3)
 * @param feedsPerFrame         {@code SIM_FEEDS_PER_FRAME}: most feeds batched into one frame (default 50)
 * @param loopMs                {@code SIM_LOOP_MS}: send period, ms; each period sends its share of the rate at once,
 *                              so a shorter period means smaller bursts downstream (default 1)
 * @param rate                  {@code RISK_FREE_RATE}: discount rate of the simulated prices (default 0.10)
 */
public record SimulatorConfig(
    String host,
    int port,
    int ticksPerSecond,
    long seed,
    Map<String, Double> spots,
    double timeScale,
    int weeklyExpiries,
    int monthlyExpiries,
    int feedsPerFrame,
    long loopMs,
    double rate) {

  public SimulatorConfig {
    spots = Map.copyOf(spots);
    if (ticksPerSecond < 0 || weeklyExpiries < 1 || monthlyExpiries < 1 || feedsPerFrame < 1 || loopMs < 1
        || timeScale < 0 || spots.values().stream().anyMatch(s -> !(s > 0))) {
      throw new IllegalArgumentException("inconsistent simulator settings: " + spots + ", ticks/s " + ticksPerSecond
          + ", expiries " + weeklyExpiries + "/" + monthlyExpiries + ", feeds/frame " + feedsPerFrame + ", loop "
          + loopMs + " ms, time scale " + timeScale);
    }
  }

  public static SimulatorConfig from(Env env) {
    Map<String, Double> spots = new LinkedHashMap<>();
    for (SimUnderlyings.Spec spec : SimUnderlyings.ALL) {
      spots.put(spec.symbol(), env.decimal("SIM_" + spec.symbol() + "_SPOT", spec.defaultSpot()));
    }
    return new SimulatorConfig(
        env.string("SIM_HOST", "127.0.0.1"),
        env.integer("SIM_PORT", 0),
        env.integer("SIM_TICKS_PER_SECOND", 1000),
        env.longValue("SIM_SEED", 42),
        spots,
        env.decimal("SIM_TIME_SCALE", 60),
        env.integer("SIM_WEEKLY_EXPIRIES", 4),
        env.integer("SIM_MONTHLY_EXPIRIES", 3),
        env.integer("SIM_FEEDS_PER_FRAME", 50),
        env.longValue("SIM_LOOP_MS", 1),
        RiskFreeRate.from(env));
  }

  /** Opening level of {@code symbol}, index points. */
  public double spot(String symbol) {
    return spots.get(symbol);
  }

  /** Defaults (port 0). */
  public static SimulatorConfig defaults() {
    return from(new Env(java.util.Map.of()));
  }
}
