package org.optionstream.history.store;

import java.util.List;

/**
 * The history tables (README, "History"): each partitioned by day, its designated timestamp {@code ts} the
 * exchange time of what it records (the change time for {@code feed_status}). Column names are the
 * {@code greeks_update} / {@code pcr_update} fields in snake case; units as there.
 */
public final class Tables {

  public static final String GREEKS = "greeks";
  public static final String PCR = "pcr";
  public static final String OI_BY_STRIKE = "oi_by_strike";
  public static final String FEED_STATUS = "feed_status";
  /** {@code greeks} folded per instrument and minute ({@code GreeksMinute}); bucketed greeks questions read it. */
  public static final String GREEKS_1M = "greeks_1m";
  /** Which stretches of {@code greeks_1m} are complete, and which minutes in them are not ({@code RollupSink}). */
  public static final String GREEKS_1M_MARKS = "greeks_1m_marks";

  /** The tables, in the order they are created. */
  public static final List<String> ALL = List.of(GREEKS, PCR, OI_BY_STRIKE, FEED_STATUS, GREEKS_1M, GREEKS_1M_MARKS);

  private Tables() {
  }

  /**
   * {@code CREATE TABLE IF NOT EXISTS} statements for the tables.
   *
   * @param wal true for WAL tables (a QuestDB server, written by several connections), false for tables
   *            written only by this process's writer thread (embedded: committed rows are readable at once)
   */
  public static List<String> ddl(boolean wal) {
    return List.of(
        create(GREEKS, "ts TIMESTAMP, instrument_key SYMBOL CAPACITY 16384 CACHE INDEX, symbol SYMBOL CAPACITY 64 CACHE,"
            + " expiry SYMBOL CAPACITY 256 CACHE, strike DOUBLE, type SYMBOL CAPACITY 4 CACHE,"
            + " price DOUBLE, bid DOUBLE, ask DOUBLE, oi DOUBLE, oi_change DOUBLE, volume LONG,"
            + " iv DOUBLE, iv_status SYMBOL CAPACITY 16 CACHE,"
            + " delta DOUBLE, gamma DOUBLE, theta DOUBLE, vega DOUBLE, rho DOUBLE,"
            + " forward DOUBLE, underlying_price DOUBLE, time_to_expiry DOUBLE, rate DOUBLE, sequence LONG",
            wal, "ts, instrument_key, sequence"),
        create(PCR, "ts TIMESTAMP, symbol SYMBOL CAPACITY 64 CACHE, expiry SYMBOL CAPACITY 256 CACHE,"
            + " pcr DOUBLE, total_ce_oi DOUBLE, total_pe_oi DOUBLE, strike_from DOUBLE, strike_to DOUBLE,"
            + " atm_strike DOUBLE, volume_pcr DOUBLE, total_ce_volume LONG, total_pe_volume LONG,"
            + " oi_change_pcr DOUBLE, oi_change_pcr_reason SYMBOL CAPACITY 8 CACHE,"
            + " all_strikes_pcr DOUBLE, all_strikes_volume_pcr DOUBLE, all_strikes_oi_change_pcr DOUBLE,"
            + " max_pain DOUBLE", wal, "ts, symbol, expiry"),
        create(OI_BY_STRIKE, "ts TIMESTAMP, symbol SYMBOL CAPACITY 64 CACHE, expiry SYMBOL CAPACITY 256 CACHE,"
            + " strike DOUBLE, ce_oi DOUBLE, pe_oi DOUBLE, ce_oi_change DOUBLE, pe_oi_change DOUBLE, ce_volume LONG,"
            + " pe_volume LONG, atm_strike DOUBLE, max_pain DOUBLE", wal, "ts, symbol, expiry, strike"),
        create(FEED_STATUS, "ts TIMESTAMP, state SYMBOL CAPACITY 16 CACHE, subscribed LONG, reason VARCHAR,"
            + " last_tick_at TIMESTAMP, decode_errors LONG", wal, "ts, state"),
        create(GREEKS_1M, "ts TIMESTAMP, instrument_key SYMBOL CAPACITY 16384 CACHE INDEX, symbol SYMBOL CAPACITY 64 CACHE,"
            + " expiry SYMBOL CAPACITY 256 CACHE, price_open DOUBLE, price_high DOUBLE, price_low DOUBLE, price DOUBLE,"
            + " iv_open DOUBLE, iv_high DOUBLE, iv_low DOUBLE, iv DOUBLE, bid DOUBLE, ask DOUBLE,"
            + " delta DOUBLE, gamma DOUBLE, theta DOUBLE, vega DOUBLE, rho DOUBLE, oi DOUBLE, volume LONG,"
            + " forward DOUBLE, underlying_price DOUBLE, rows LONG", wal, "ts, instrument_key"),
        create(GREEKS_1M_MARKS, "ts TIMESTAMP, kind SYMBOL CAPACITY 4 CACHE, complete_from TIMESTAMP", wal,
            "ts, kind, complete_from"));
  }

  /**
   * One table. A server's (WAL) tables deduplicate on the row's identity, so a batch sent again after a
   * lost answer (the server committed it, the answer never came) is stored once.
   */
  private static String create(String table, String columns, boolean wal, String identity) {
    return "CREATE TABLE IF NOT EXISTS " + table + " (" + columns + ") TIMESTAMP(ts) PARTITION BY DAY "
        + (wal ? "WAL DEDUP UPSERT KEYS(" + identity + ")" : "BYPASS WAL");
  }
}
