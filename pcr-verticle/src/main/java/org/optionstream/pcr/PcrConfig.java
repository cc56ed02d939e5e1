package org.optionstream.pcr;

import org.optionstream.common.config.Env;
import org.optionstream.pcr.surface.DealerConvention;

/**
 * The pcr stage's settings, read once from the environment.
 *
 * @param maxRatePerSecond           {@code PCR_MAX_RATE_PER_SECOND}: most {@code pcr.update} messages
 *                                   per second per underlying+expiry (default 4); the last value is
 *                                   always published
 * @param oiByStrikeMaxRatePerSecond {@code PCR_OI_BY_STRIKE_MAX_RATE_PER_SECOND}: most
 *                                   {@code pcr.oi-by-strike} messages per second per key (default 1)
 * @param leaderAcquireTimeoutMs     {@code PCR_LEADER_ACQUIRE_TIMEOUT_MS}: how long one attempt to
 *                                   take a key's leader lock waits, milliseconds (default 2000)
 * @param leaderRetryDelayMs         {@code PCR_LEADER_RETRY_MS}: pause between two attempts,
 *                                   milliseconds (default 500)
 * @param leaderLockPrefix           {@code PCR_LEADER_LOCK_PREFIX}: prefix of the cluster-wide lock
 *                                   names (default {@code optionstream.pcr.leader/})
 * @param analyticsEnabled           {@code ANALYTICS_ENABLED}: consume {@code greeks.update.frames} and publish
 *                                   {@code chain.analytics} (default true; false for a pcr stage without them)
 * @param analyticsMaxRatePerSecond  {@code ANALYTICS_MAX_RATE_PER_SECOND}: most {@code chain.analytics} messages per
 *                                   second per underlying+expiry (default 2); the last value is always published
 * @param gexConvention              {@code ANALYTICS_GEX_CONVENTION}: dealers' assumed side, the sign of GEX
 *                                   (default {@code long-calls-short-puts})
 * @param flipRange                  {@code ANALYTICS_FLIP_RANGE_PCT} (default 10) as a fraction: the zero-gamma
 *                                   search covers the index price ± this
 * @param flipSteps                  {@code ANALYTICS_FLIP_STEPS}: intervals of that grid (default 200: 0.1 % apart)
 * @param quietFlushMs               {@code PCR_QUIET_FLUSH_MS}: the rates above count the data's time (the feed's
 *                                   receive time in each tick); when no data has come for this long, milliseconds of
 *                                   wall time, a value still waiting for its turn goes out (default 1000; not while
 *                                   the feed replays a recording, whose end lets them out)
 */
public record PcrConfig(
    double maxRatePerSecond,
    double oiByStrikeMaxRatePerSecond,
    long leaderAcquireTimeoutMs,
    long leaderRetryDelayMs,
    String leaderLockPrefix,
    boolean analyticsEnabled,
    double analyticsMaxRatePerSecond,
    DealerConvention gexConvention,
    double flipRange,
    int flipSteps,
    long quietFlushMs) {

  /** Analytics on with their defaults. */
  public PcrConfig(double maxRatePerSecond, double oiByStrikeMaxRatePerSecond, long leaderAcquireTimeoutMs,
                   long leaderRetryDelayMs, String leaderLockPrefix) {
    this(maxRatePerSecond, oiByStrikeMaxRatePerSecond, leaderAcquireTimeoutMs, leaderRetryDelayMs, leaderLockPrefix,
        true, 2, DealerConvention.LONG_CALLS_SHORT_PUTS, 0.10, 200, 1000);
  }

  public PcrConfig {
    if (!(maxRatePerSecond > 0) || !(oiByStrikeMaxRatePerSecond > 0)) {
      throw new IllegalArgumentException("PCR_MAX_RATE_PER_SECOND and PCR_OI_BY_STRIKE_MAX_RATE_PER_SECOND must be > 0");
    }
    if (!(analyticsMaxRatePerSecond > 0) || !(flipRange > 0 && flipRange < 1) || flipSteps < 2) {
      throw new IllegalArgumentException("ANALYTICS_MAX_RATE_PER_SECOND must be > 0, ANALYTICS_FLIP_RANGE_PCT within"
          + " (0, 100) and ANALYTICS_FLIP_STEPS >= 2");
    }
    if (leaderAcquireTimeoutMs < 1 || leaderRetryDelayMs < 1 || quietFlushMs < 1) {
      throw new IllegalArgumentException("PCR_LEADER_ACQUIRE_TIMEOUT_MS, PCR_LEADER_RETRY_MS and PCR_QUIET_FLUSH_MS must be >= 1");
    }
  }

  public static PcrConfig from(Env env) {
    return new PcrConfig(
        env.decimal("PCR_MAX_RATE_PER_SECOND", 4),
        env.decimal("PCR_OI_BY_STRIKE_MAX_RATE_PER_SECOND", 1),
        env.longValue("PCR_LEADER_ACQUIRE_TIMEOUT_MS", 2000),
        env.longValue("PCR_LEADER_RETRY_MS", 500),
        env.string("PCR_LEADER_LOCK_PREFIX", "optionstream.pcr.leader/"),
        Boolean.parseBoolean(env.string("ANALYTICS_ENABLED", "true")),
        env.decimal("ANALYTICS_MAX_RATE_PER_SECOND", 2),
        DealerConvention.parse(env.string("ANALYTICS_GEX_CONVENTION", DealerConvention.LONG_CALLS_SHORT_PUTS.wireName())),
        env.decimal("ANALYTICS_FLIP_RANGE_PCT", 10) / 100,
        env.integer("ANALYTICS_FLIP_STEPS", 200),
        env.longValue("PCR_QUIET_FLUSH_MS", 1000));
  }
}
