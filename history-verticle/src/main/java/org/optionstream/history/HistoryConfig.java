package org.optionstream.history;

import java.nio.file.Path;
import org.optionstream.common.config.Env;

/**
 * The history stage's settings, read once from the environment.
 *
 * @param dataDir          {@code HISTORY_DATA_DIR}: where the embedded QuestDB keeps its tables (default
 *                         {@code ./data/questdb})
 * @param questdbUrl       {@code HISTORY_QUESTDB_URL}: a QuestDB server's HTTP address
 *                         ({@code http://host:9000}); null (the default) runs QuestDB embedded in this JVM
 * @param batchRows        {@code HISTORY_BATCH_ROWS}: rows written before a commit (default 10000)
 * @param batchMs          {@code HISTORY_BATCH_MS}: longest time rows wait uncommitted, milliseconds (default 250)
 * @param queueMaxRows     {@code HISTORY_QUEUE_MAX_ROWS}: rows waiting for the writer thread above which
 *                         newly arriving messages are dropped and counted (default 2000000)
 * @param retentionDays    {@code HISTORY_RETENTION_DAYS}: day partitions older than this many days are
 *                         dropped (default 30)
 * @param statusIntervalMs {@code HISTORY_STATUS_INTERVAL_MS}: period of {@code history.status}, milliseconds
 *                         (default 2000)
 * @param limits           what one query may ask for ({@link QueryLimits})
 * @param server           how to reach a QuestDB server ({@link ServerSettings}), used with {@code questdbUrl}
 * @param rollupGraceMs    {@code HISTORY_ROLLUP_GRACE_MS}: how long after a minute's end, in the data's time, its
 *                         rows may still arrive before the {@code greeks_1m} rollup calls the minute finished
 *                         (default 2000); later rows are stored raw and their minute is answered from raw rows
 */
public record HistoryConfig(
    Path dataDir,
    String questdbUrl,
    int batchRows,
    long batchMs,
    long queueMaxRows,
    int retentionDays,
    long statusIntervalMs,
    QueryLimits limits,
    ServerSettings server,
    long rollupGraceMs) {

  /**
   * @param pgPort        {@code HISTORY_QUESTDB_PG_PORT}: the server's PostgreSQL wire port on the URL's host
   *                      (default 8812)
   * @param user          {@code HISTORY_QUESTDB_USER}: user for HTTP basic auth and PostgreSQL (default none
   *                      for HTTP, QuestDB's {@code admin} for PostgreSQL)
   * @param password      {@code HISTORY_QUESTDB_PASSWORD} (default QuestDB's {@code quest} for PostgreSQL)
   * @param spoolDir      {@code HISTORY_SPOOL_DIR}: where rows wait while the server is unreachable
   *                      (default {@code ./data/spool})
   * @param spoolMaxBytes {@code HISTORY_SPOOL_MAX_BYTES}: the spool's bound; past it the oldest rows are
   *                      dropped and counted (default 4 GiB: about 30 minutes at 5,000 rows/s)
   * @param retryMs       {@code HISTORY_QUESTDB_RETRY_MS}: how often an unreachable server is tried again,
   *                      milliseconds (default 1000)
   */
  public record ServerSettings(int pgPort, String user, String password, Path spoolDir, long spoolMaxBytes,
                               long retryMs) {
    public ServerSettings {
      if (spoolMaxBytes < 1 || retryMs < 1) {
        throw new IllegalArgumentException("HISTORY_SPOOL_MAX_BYTES and HISTORY_QUESTDB_RETRY_MS must be >= 1");
      }
    }

    @Override
    public String toString() {
      return "ServerSettings[pgPort=" + pgPort + ", user=" + user + ", spoolDir=" + spoolDir + "]";
    }
  }

  /**
   * @param maxBuckets   {@code HISTORY_MAX_BUCKETS}: most buckets a bucketed answer may have, range / every
   *                     (default 10000)
   * @param maxRawRangeMs {@code HISTORY_MAX_RAW_RANGE_MS}: longest range answered row by row, without
   *                     {@code every}, milliseconds (default 3600000, one hour)
   * @param maxRows      {@code HISTORY_MAX_ROWS}: most rows one answer carries (default 100000)
   */
  public record QueryLimits(long maxBuckets, long maxRawRangeMs, int maxRows) {
    public QueryLimits {
      if (maxBuckets < 1 || maxRawRangeMs < 1 || maxRows < 1) {
        throw new IllegalArgumentException("HISTORY_MAX_BUCKETS, HISTORY_MAX_RAW_RANGE_MS and HISTORY_MAX_ROWS must be >= 1");
      }
    }
  }

  public HistoryConfig {
    if (batchRows < 1 || batchMs < 1 || queueMaxRows < 1 || statusIntervalMs < 1) {
      throw new IllegalArgumentException(
          "HISTORY_BATCH_ROWS, HISTORY_BATCH_MS, HISTORY_QUEUE_MAX_ROWS and HISTORY_STATUS_INTERVAL_MS must be >= 1");
    }
    if (rollupGraceMs < 0) {
      throw new IllegalArgumentException("HISTORY_ROLLUP_GRACE_MS must be >= 0, got " + rollupGraceMs);
    }
    if (retentionDays < 1) {
      throw new IllegalArgumentException("HISTORY_RETENTION_DAYS must be >= 1, got " + retentionDays);
    }
  }

  /** True when the engine runs in this JVM (no {@code HISTORY_QUESTDB_URL}). */
  public boolean embedded() {
    return questdbUrl == null;
  }

  /** The same settings with another data directory (tests). */
  public HistoryConfig withDataDir(Path dir) {
    return new HistoryConfig(dir, questdbUrl, batchRows, batchMs, queueMaxRows, retentionDays, statusIntervalMs, limits,
        server, rollupGraceMs);
  }

  public static HistoryConfig from(Env env) {
    return new HistoryConfig(
        Path.of(env.string("HISTORY_DATA_DIR", "./data/questdb")),
        env.raw("HISTORY_QUESTDB_URL"),
        env.integer("HISTORY_BATCH_ROWS", 10_000),
        env.longValue("HISTORY_BATCH_MS", 250),
        env.longValue("HISTORY_QUEUE_MAX_ROWS", 2_000_000),
        env.integer("HISTORY_RETENTION_DAYS", 30),
        env.longValue("HISTORY_STATUS_INTERVAL_MS", 2_000),
        new QueryLimits(
            env.longValue("HISTORY_MAX_BUCKETS", 10_000),
            env.longValue("HISTORY_MAX_RAW_RANGE_MS", 3_600_000),
            env.integer("HISTORY_MAX_ROWS", 100_000)),
        new ServerSettings(
            env.integer("HISTORY_QUESTDB_PG_PORT", 8812),
            env.raw("HISTORY_QUESTDB_USER"),
            env.raw("HISTORY_QUESTDB_PASSWORD"),
            Path.of(env.string("HISTORY_SPOOL_DIR", "./data/spool")),
            env.longValue("HISTORY_SPOOL_MAX_BYTES", 4L << 30),
            env.longValue("HISTORY_QUESTDB_RETRY_MS", 1_000)),
        env.longValue("HISTORY_ROLLUP_GRACE_MS", 2_000));
  }
}
