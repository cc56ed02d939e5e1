package org.optionstream.history.store;

import io.questdb.cairo.TableWriter;
import io.questdb.std.Misc;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.optionstream.common.json.FeedStatus;
import org.optionstream.common.json.PcrUpdate;
import org.optionstream.history.ingest.GreeksRow;
import org.optionstream.history.ingest.OiStrikeRow;
import org.optionstream.history.rollup.GreeksMinute;

/**
 * Writes rows straight into the embedded engine's tables ({@code BYPASS WAL}: a commit makes them readable
 * at once). Holds each table's writer from its first row to the next commit, then gives it back, so
 * statements such as partition drops can take it between batches. One thread only (the writer thread).
 */
public final class EmbeddedSink implements HistorySink {

  private static final long MICROS_PER_MS = 1000L;

  private final EmbeddedQuestDb db;
  private final Map<String, TableWriter> open = new LinkedHashMap<>();
  private final Map<String, int[]> columns = new HashMap<>();

  public EmbeddedSink(EmbeddedQuestDb db) {
    this.db = db;
  }

  @Override
  public void open() throws Exception {
    for (String ddl : Tables.ddl(false)) {
      db.execute(ddl);
    }
  }

  @Override
  public void greeks(GreeksRow r) {
    TableWriter writer = writer(Tables.GREEKS);
    int[] c = columns(Tables.GREEKS, writer, "instrument_key", "symbol", "expiry", "strike", "type", "price", "bid",
        "ask", "oi", "oi_change", "volume", "iv", "iv_status", "delta", "gamma", "theta", "vega", "rho", "forward",
        "underlying_price", "time_to_expiry", "rate", "sequence");
    TableWriter.Row row = writer.newRow(r.exchangeTimeMs * MICROS_PER_MS);
    row.putSym(c[0], r.instrumentKey);
    row.putSym(c[1], r.symbol);
    row.putSym(c[2], r.expiry);
    row.putDouble(c[3], r.strike);
    row.putSym(c[4], r.type);
    row.putDouble(c[5], r.price);
    row.putDouble(c[6], r.bid);
    row.putDouble(c[7], r.ask);
    row.putDouble(c[8], r.oi);
    row.putDouble(c[9], r.oiChange);
    row.putLong(c[10], r.volume);
    row.putDouble(c[11], r.iv);
    if (r.ivStatus != null) {
      row.putSym(c[12], r.ivStatus);
    }
    row.putDouble(c[13], r.delta);
    row.putDouble(c[14], r.gamma);
    row.putDouble(c[15], r.theta);
    row.putDouble(c[16], r.vega);
    row.putDouble(c[17], r.rho);
    row.putDouble(c[18], r.forward);
    row.putDouble(c[19], r.underlyingPrice);
    row.putDouble(c[20], r.timeToExpiry);
    row.putDouble(c[21], r.rate);
    row.putLong(c[22], r.sequence);
    row.append();
  }

  @Override
  public void pcr(PcrUpdate u) {
    TableWriter writer = writer(Tables.PCR);
    int[] c = columns(Tables.PCR, writer, "symbol", "expiry", "pcr", "total_ce_oi", "total_pe_oi", "strike_from",
        "strike_to", "atm_strike", "volume_pcr", "total_ce_volume", "total_pe_volume", "oi_change_pcr",
        "oi_change_pcr_reason", "all_strikes_pcr", "all_strikes_volume_pcr", "all_strikes_oi_change_pcr", "max_pain");
    TableWriter.Row row = writer.newRow(u.exchangeTimeMs() * MICROS_PER_MS);
    row.putSym(c[0], u.symbol());
    row.putSym(c[1], u.expiry());
    row.putDouble(c[2], u.pcr());
    row.putDouble(c[3], u.totalCeOi());
    row.putDouble(c[4], u.totalPeOi());
    row.putDouble(c[5], u.strikeFrom());
    row.putDouble(c[6], u.strikeTo());
    row.putDouble(c[7], u.atmStrike());
    row.putDouble(c[8], u.volumePcr());
    row.putLong(c[9], u.totalCeVolume());
    row.putLong(c[10], u.totalPeVolume());
    row.putDouble(c[11], u.oiChangePcr());
    if (u.oiChangePcrReason() != null) {
      row.putSym(c[12], u.oiChangePcrReason());
    }
    row.putDouble(c[13], u.allStrikesPcr());
    row.putDouble(c[14], u.allStrikesVolumePcr());
    row.putDouble(c[15], u.allStrikesOiChangePcr());
    row.putDouble(c[16], u.maxPain());
    row.append();
  }

  @Override
  public void oiByStrike(OiStrikeRow r) {
    TableWriter writer = writer(Tables.OI_BY_STRIKE);
    int[] c = columns(Tables.OI_BY_STRIKE, writer, "symbol", "expiry", "strike", "ce_oi", "pe_oi", "ce_oi_change",
        "pe_oi_change", "ce_volume", "pe_volume", "atm_strike", "max_pain");
    TableWriter.Row row = writer.newRow(r.exchangeTimeMs * MICROS_PER_MS);
    row.putSym(c[0], r.symbol);
    row.putSym(c[1], r.expiry);
    row.putDouble(c[2], r.strike);
    row.putDouble(c[3], r.ceOi);
    row.putDouble(c[4], r.peOi);
    row.putDouble(c[5], r.ceOiChange);
    row.putDouble(c[6], r.peOiChange);
    row.putLong(c[7], r.ceVolume);
    row.putLong(c[8], r.peVolume);
    row.putDouble(c[9], r.atmStrike);
    row.putDouble(c[10], r.maxPain);
    row.append();
  }

  @Override
  public void feedStatus(FeedStatus s) {
    TableWriter writer = writer(Tables.FEED_STATUS);
    int[] c = columns(Tables.FEED_STATUS, writer, "state", "subscribed", "reason", "last_tick_at", "decode_errors");
    TableWriter.Row row = writer.newRow(s.sinceMs() * MICROS_PER_MS);
    row.putSym(c[0], s.state().name());
    row.putLong(c[1], s.subscribed());
    if (s.reason() != null) {
      row.putStr(c[2], s.reason());
    }
    if (s.lastTickAtMs() > 0) {
      row.putTimestamp(c[3], s.lastTickAtMs() * MICROS_PER_MS);
    }
    row.putLong(c[4], s.decodeErrors());
    row.append();
  }

  @Override
  public void greeksMinute(GreeksMinute m) {
    TableWriter writer = writer(Tables.GREEKS_1M);
    int[] c = columns(Tables.GREEKS_1M, writer, "instrument_key", "symbol", "expiry", "price_open", "price_high",
        "price_low", "price", "iv_open", "iv_high", "iv_low", "iv", "bid", "ask", "delta", "gamma", "theta", "vega",
        "rho", "oi", "volume", "forward", "underlying_price", "rows");
    TableWriter.Row row = writer.newRow(m.minuteMs * MICROS_PER_MS);
    row.putSym(c[0], m.instrumentKey);
    row.putSym(c[1], m.symbol);
    row.putSym(c[2], m.expiry);
    row.putDouble(c[3], m.priceOpen);
    row.putDouble(c[4], m.priceHigh);
    row.putDouble(c[5], m.priceLow);
    row.putDouble(c[6], m.price);
    row.putDouble(c[7], m.ivOpen);
    row.putDouble(c[8], m.ivHigh);
    row.putDouble(c[9], m.ivLow);
    row.putDouble(c[10], m.iv);
    row.putDouble(c[11], m.bid);
    row.putDouble(c[12], m.ask);
    row.putDouble(c[13], m.delta);
    row.putDouble(c[14], m.gamma);
    row.putDouble(c[15], m.theta);
    row.putDouble(c[16], m.vega);
    row.putDouble(c[17], m.rho);
    row.putDouble(c[18], m.oi);
    row.putLong(c[19], m.volume);
    row.putDouble(c[20], m.forward);
    row.putDouble(c[21], m.underlyingPrice);
    row.putLong(c[22], m.rows);
    row.append();
  }

  @Override
  public void rollupMark(String kind, long tsMs, long completeFromMs) {
    TableWriter writer = writer(Tables.GREEKS_1M_MARKS);
    int[] c = columns(Tables.GREEKS_1M_MARKS, writer, "kind", "complete_from");
    TableWriter.Row row = writer.newRow(tsMs * MICROS_PER_MS);
    row.putSym(c[0], kind);
    row.putTimestamp(c[1], completeFromMs * MICROS_PER_MS);
    row.append();
  }

  /** Commits the tables in the order the batch first wrote them (so the rollup's marks, written last, go last). */
  @Override
  public void commit() {
    try {
      for (TableWriter writer : open.values()) {
        writer.commit();
      }
    } finally {
      release();
    }
  }

  @Override
  public void rollback() {
    for (TableWriter writer : open.values()) {
      try {
        writer.rollback();
      } catch (RuntimeException ignored) {
        // the writer is closed below; the engine discards a writer it cannot reuse
      }
    }
    release();
  }

  @Override
  public void dropPartitionsBefore(long cutoffEpochMs) throws Exception {
    release();
    String cutoff = SqlText.timestamp(cutoffEpochMs);
    for (String table : Tables.ALL) {
      QueryResult oldest = db.select("SELECT min(ts) FROM " + table, 1);
      Object min = oldest.rows().isEmpty() ? null : oldest.rows().get(0)[0];
      if (min instanceof Long minMs && minMs < cutoffEpochMs) {
        db.execute("ALTER TABLE " + table + " DROP PARTITION WHERE ts < " + cutoff);
      }
    }
  }

  /** Gives the writers back; the engine itself is closed by its owner. */
  @Override
  public void close() {
    rollback();
  }

  private TableWriter writer(String table) {
    TableWriter writer = open.get(table);
    if (writer == null) {
      writer = db.writer(table);
      open.put(table, writer);
    }
    return writer;
  }

  /** Column indexes by name, looked up once per table (the table's layout does not change under us). */
  private int[] columns(String table, TableWriter writer, String... names) {
    int[] indexes = columns.get(table);
    if (indexes == null) {
      indexes = new int[names.length];
      for (int i = 0; i < names.length; i++) {
        indexes[i] = writer.getMetadata().getColumnIndex(names[i]);
      }
      columns.put(table, indexes);
    }
    return indexes;
  }

  private void release() {
    open.values().forEach(Misc::free);
    open.clear();
  }
}
