package org.optionstream.history.store;

import org.optionstream.common.json.FeedStatus;
import org.optionstream.common.json.PcrUpdate;
import org.optionstream.history.ingest.GreeksRow;
import org.optionstream.history.ingest.OiStrikeRow;
import org.optionstream.history.rollup.GreeksMinute;

/**
 * Where the writer thread puts rows: the embedded engine's table writers, or a QuestDB server. Used by
 * one thread only; rows become durable and readable at {@link #commit()}.
 */
public interface HistorySink extends AutoCloseable {

  /** Creates the tables that do not exist yet. */
  void open() throws Exception;

  void greeks(GreeksRow row) throws Exception;

  void pcr(PcrUpdate update) throws Exception;

  void oiByStrike(OiStrikeRow row) throws Exception;

  /** One row per state change: the state, since when (the designated timestamp), and why. */
  void feedStatus(FeedStatus status) throws Exception;

  /** One row of the {@code greeks_1m} minute rollup. */
  void greeksMinute(GreeksMinute minute) throws Exception;

  /**
   * One row of {@code greeks_1m_marks}: {@code kind} {@code complete} with {@code tsMs} the end and
   * {@code completeFromMs} the start of a complete stretch of the rollup, or {@code dirty} with {@code tsMs} (and
   * {@code completeFromMs}) a minute the rollup does not hold whole.
   */
  void rollupMark(String kind, long tsMs, long completeFromMs) throws Exception;

  /** Makes every row written since the last commit durable and readable. */
  void commit() throws Exception;

  /** Forgets the rows written since the last commit (after a failed write). */
  void rollback();

  /**
   * Called by the writer thread whenever it wakes (at least every 100 ms), between batches: a sink that
   * holds rows back (the server's spool) sends them here.
   */
  default void tick() throws Exception {
  }

  /** Drops every day partition, of every table, whose day ends before {@code cutoffEpochMs}. */
  void dropPartitionsBefore(long cutoffEpochMs) throws Exception;

  @Override
  void close();
}
