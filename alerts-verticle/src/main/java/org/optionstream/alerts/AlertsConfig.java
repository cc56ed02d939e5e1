package org.optionstream.alerts;

import org.optionstream.common.config.Env;

/**
 * The alerts stage's settings, read once from the environment.
 *
 * @param partitions             {@code ALERTS_PARTITIONS}: partitions rules are spread over, each evaluated by
 *                               one member (default 8; every member must agree)
 * @param lockAcquireTimeoutMs   {@code ALERTS_LOCK_ACQUIRE_TIMEOUT_MS}: how long one attempt at a partition's
 *                               lock waits, milliseconds (default 500)
 * @param lockRetryMs            {@code ALERTS_LOCK_RETRY_MS}: pause between attempts, milliseconds (default 1000)
 * @param lockPrefix             {@code ALERTS_LOCK_PREFIX}: prefix of the partition locks' names
 * @param hysteresisPct          {@code ALERTS_HYSTERESIS_PCT}: hysteresis of a rule without its own, percent of
 *                               its threshold (a band: of its width), default 0.5
 * @param dataDir                {@code ALERTS_DATA_DIR}: where rules and firings are kept (default {@code ./data/alerts})
 * @param firedKeep              {@code ALERTS_FIRED_KEEP}: firings kept for {@code alerts.fired.query} (default 10000)
 * @param maxRules               {@code ALERTS_MAX_RULES}: most rules (default 100000); more are refused
 * @param webhookTimeoutMs       {@code ALERTS_WEBHOOK_TIMEOUT_MS}: one webhook attempt's bound, milliseconds (5000)
 * @param webhookRetries         {@code ALERTS_WEBHOOK_RETRIES}: retries after a failed attempt (3)
 * @param webhookBackoffMs       {@code ALERTS_WEBHOOK_BACKOFF_MS}: first retry's delay, doubled each time (1000)
 * @param webhookMaxPending      {@code ALERTS_WEBHOOK_MAX_PENDING}: deliveries under way at once; beyond, a
 *                               firing is dead-lettered (256)
 */
public record AlertsConfig(int partitions, long lockAcquireTimeoutMs, long lockRetryMs, String lockPrefix,
    double hysteresisPct, String dataDir, int firedKeep, int maxRules, long webhookTimeoutMs, int webhookRetries,
    long webhookBackoffMs, int webhookMaxPending) {

  public AlertsConfig {
    if (partitions < 1 || partitions > 1024) {
      throw new IllegalArgumentException("ALERTS_PARTITIONS must be from 1 to 1024");
    }
    if (lockAcquireTimeoutMs < 1 || lockRetryMs < 1) {
      throw new IllegalArgumentException("ALERTS_LOCK_ACQUIRE_TIMEOUT_MS and ALERTS_LOCK_RETRY_MS must be >= 1");
    }
    if (!(hysteresisPct >= 0)) {
      throw new IllegalArgumentException("ALERTS_HYSTERESIS_PCT must be >= 0");
    }
    if (firedKeep < 1 || maxRules < 1 || webhookTimeoutMs < 1 || webhookRetries < 0 || webhookBackoffMs < 1
        || webhookMaxPending < 1) {
      throw new IllegalArgumentException("ALERTS_FIRED_KEEP, ALERTS_MAX_RULES, ALERTS_WEBHOOK_* out of range");
    }
  }

  public static AlertsConfig from(Env env) {
    return new AlertsConfig(
        env.integer("ALERTS_PARTITIONS", 8),
        env.longValue("ALERTS_LOCK_ACQUIRE_TIMEOUT_MS", 500),
        env.longValue("ALERTS_LOCK_RETRY_MS", 1000),
        env.string("ALERTS_LOCK_PREFIX", "optionstream.alerts.partition/"),
        env.decimal("ALERTS_HYSTERESIS_PCT", 0.5),
        env.string("ALERTS_DATA_DIR", "./data/alerts"),
        env.integer("ALERTS_FIRED_KEEP", 10000),
        env.integer("ALERTS_MAX_RULES", 100000),
        env.longValue("ALERTS_WEBHOOK_TIMEOUT_MS", 5000),
        env.integer("ALERTS_WEBHOOK_RETRIES", 3),
        env.longValue("ALERTS_WEBHOOK_BACKOFF_MS", 1000),
        env.integer("ALERTS_WEBHOOK_MAX_PENDING", 256));
  }
}
