package org.optionstream.simulator;

import org.optionstream.common.config.Env;

/**
 * The Upstox simulator's settings.
 *
 * @param host                  {@code SIM_HOST}: bind address (default {@code 127.0.0.1}; {@code 0.0.0.0} in a pod)
 * @param port                  {@code SIM_PORT}: 0 = any free port (default 0; the simulator's own process: 8090)
 * @param ticksPerSecond        {@code SIM_TICKS_PER_SECOND}: feeds per second per connection, spread round-robin
 *                              over its subscribed keys (default 200; the benchmark load generator goes to 100k+)
 * @param seed                  {@code SIM_SEED}: seed of every random path (default 42)
 * @param niftySpot             {@code SIM_NIFTY_SPOT}: NIFTY's opening level, index points (default 23 700)
 * @param bankNiftySpot         {@code SIM_BANKNIFTY_SPOT}: BANKNIFTY's opening level (default 51 200)
 * @param timeScale             {@code SIM_TIME_SCALE}: index volatility clock speed-up; 60 = one wall-clock second
 *                              moves the index like one minute of market time (default 60, so the dashboard moves)
 * @param weeklyExpiries        {@code SIM_WEEKLY_EXPIRIES}: NIFTY weekly expiries listed (default 4)
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
    double niftySpot,
    double bankNiftySpot,
    double timeScale,
    int weeklyExpiries,
    int feedsPerFrame,
    long loopMs,
    double rate) {

  public SimulatorConfig {
    if (ticksPerSecond < 0 || weeklyExpiries < 1 || feedsPerFrame < 1 || loopMs < 1 || timeScale < 0 || niftySpot <= 0 || bankNiftySpot <= 0) {
      throw new IllegalArgumentException("inconsistent simulator settings: " + this);
    }
  }

  public static SimulatorConfig from(Env env) {
    return new SimulatorConfig(
        env.string("SIM_HOST", "127.0.0.1"),
        env.integer("SIM_PORT", 0),
        env.integer("SIM_TICKS_PER_SECOND", 200),
        env.longValue("SIM_SEED", 42),
        env.decimal("SIM_NIFTY_SPOT", 23_700),
        env.decimal("SIM_BANKNIFTY_SPOT", 51_200),
        env.decimal("SIM_TIME_SCALE", 60),
        env.integer("SIM_WEEKLY_EXPIRIES", 4),
        env.integer("SIM_FEEDS_PER_FRAME", 50),
        env.longValue("SIM_LOOP_MS", 1),
        env.decimal("RISK_FREE_RATE", 0.10));
  }

  /** Defaults (port 0). */
  public static SimulatorConfig defaults() {
    return from(new Env(java.util.Map.of()));
  }
}
