package org.optionstream.history.store;

import java.time.Clock;
import org.optionstream.common.json.FeedStatus;
import org.optionstream.common.json.PcrUpdate;
import org.optionstream.history.ingest.GreeksRow;
import org.optionstream.history.ingest.OiStrikeRow;
import org.optionstream.history.rollup.GreeksMinute;
import org.optionstream.history.ingest.WriteFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes rows to a QuestDB server: each commit's rows are one line-protocol batch sent over HTTP. While the
 * server cannot take them, batches go to the {@link Spool} on disk, and from then on every new batch goes
 * behind them, so rows reach the server in the order they were written; the spool is sent, oldest first,
 * as soon as the server answers again (tried every {@code retryMs}). A batch the server refuses (4xx) is
 * dropped and counted: sending it again would be refused again. Writer thread only.
 */
public final class ServerSink implements HistorySink {

  private static final Logger LOG = LoggerFactory.getLogger(ServerSink.class);
  /** Spooled batches sent per wake-up, so new rows are not held back behind a long replay. */
  private static final int SEGMENTS_PER_TICK = 8;

  private final QuestDbHttp http;
  private final Spool spool;
  private final WriteFailures failures;
  private final Clock clock;
  private final long retryMs;
  private final IlpLines lines = new IlpLines();
  private boolean tablesCreated;
  private volatile boolean serverUp = true;
  private long retryAtMs;

  public ServerSink(QuestDbHttp http, Spool spool, WriteFailures failures, Clock clock, long retryMs) {
    this.http = http;
    this.spool = spool;
    this.failures = failures;
    this.clock = clock;
    this.retryMs = retryMs;
  }

  /** Creates the tables (WAL, as a server's tables are); if the server is away, the first rows create them. */
  @Override
  public void open() throws InterruptedException {
    createTables();
  }

  private void createTables() throws InterruptedException {
    try {
      for (String ddl : Tables.ddl(true)) {
        http.exec(ddl);
      }
      tablesCreated = true;
    } catch (java.io.IOException e) {
      failures.record("create_tables_failed", e.getMessage());
    }
  }

  @Override
  public void greeks(GreeksRow r) {
    lines.table(Tables.GREEKS).symbol("instrument_key", r.instrumentKey).symbol("symbol", r.symbol)
        .symbol("expiry", r.expiry).symbol("type", r.type).symbol("iv_status", r.ivStatus)
        .doubleColumn("strike", r.strike).doubleColumn("price", r.price).doubleColumn("bid", r.bid)
        .doubleColumn("ask", r.ask).doubleColumn("oi", r.oi).doubleColumn("oi_change", r.oiChange)
        .longColumn("volume", r.volume).doubleColumn("iv", r.iv).doubleColumn("delta", r.delta)
        .doubleColumn("gamma", r.gamma).doubleColumn("theta", r.theta).doubleColumn("vega", r.vega)
        .doubleColumn("rho", r.rho).doubleColumn("forward", r.forward).doubleColumn("underlying_price", r.underlyingPrice)
        .doubleColumn("time_to_expiry", r.timeToExpiry).doubleColumn("rate", r.rate).longColumn("sequence", r.sequence)
        .at(r.exchangeTimeMs);
  }

  @Override
  public void pcr(PcrUpdate u) {
    lines.table(Tables.PCR).symbol("symbol", u.symbol()).symbol("expiry", u.expiry())
        .symbol("oi_change_pcr_reason", u.oiChangePcrReason())
        .doubleColumn("pcr", u.pcr()).doubleColumn("total_ce_oi", u.totalCeOi()).doubleColumn("total_pe_oi", u.totalPeOi())
        .doubleColumn("strike_from", u.strikeFrom()).doubleColumn("strike_to", u.strikeTo())
        .doubleColumn("atm_strike", u.atmStrike()).doubleColumn("volume_pcr", u.volumePcr())
        .longColumn("total_ce_volume", u.totalCeVolume()).longColumn("total_pe_volume", u.totalPeVolume())
        .doubleColumn("oi_change_pcr", u.oiChangePcr()).doubleColumn("all_strikes_pcr", u.allStrikesPcr())
        .doubleColumn("all_strikes_volume_pcr", u.allStrikesVolumePcr())
        .doubleColumn("all_strikes_oi_change_pcr", u.allStrikesOiChangePcr()).doubleColumn("max_pain", u.maxPain())
        .at(u.exchangeTimeMs());
  }

  @Override
  public void oiByStrike(OiStrikeRow r) {
    lines.table(Tables.OI_BY_STRIKE).symbol("symbol", r.symbol).symbol("expiry", r.expiry)
        .doubleColumn("strike", r.strike).doubleColumn("ce_oi", r.ceOi).doubleColumn("pe_oi", r.peOi)
        .doubleColumn("ce_oi_change", r.ceOiChange).doubleColumn("pe_oi_change", r.peOiChange)
        .longColumn("ce_volume", r.ceVolume).longColumn("pe_volume", r.peVolume)
        .doubleColumn("atm_strike", r.atmStrike).doubleColumn("max_pain", r.maxPain)
        .at(r.exchangeTimeMs);
  }

  @Override
  public void feedStatus(FeedStatus s) {
    lines.table(Tables.FEED_STATUS).symbol("state", s.state().name())
        .longColumn("subscribed", s.subscribed()).stringColumn("reason", s.reason())
        .timestampColumn("last_tick_at", s.lastTickAtMs()).longColumn("decode_errors", s.decodeErrors())
        .at(s.sinceMs());
  }

  @Override
  public void greeksMinute(GreeksMinute m) {
    lines.table(Tables.GREEKS_1M).symbol("instrument_key", m.instrumentKey).symbol("symbol", m.symbol)
        .symbol("expiry", m.expiry).doubleColumn("price_open", m.priceOpen).doubleColumn("price_high", m.priceHigh)
        .doubleColumn("price_low", m.priceLow).doubleColumn("price", m.price).doubleColumn("iv_open", m.ivOpen)
        .doubleColumn("iv_high", m.ivHigh).doubleColumn("iv_low", m.ivLow).doubleColumn("iv", m.iv)
        .doubleColumn("bid", m.bid).doubleColumn("ask", m.ask).doubleColumn("delta", m.delta)
        .doubleColumn("gamma", m.gamma).doubleColumn("theta", m.theta).doubleColumn("vega", m.vega)
        .doubleColumn("rho", m.rho).doubleColumn("oi", m.oi).longColumn("volume", m.volume)
        .doubleColumn("forward", m.forward).doubleColumn("underlying_price", m.underlyingPrice)
        .longColumn("rows", m.rows).at(m.minuteMs);
  }

  @Override
  public void rollupMark(String kind, long tsMs, long completeFromMs) {
    lines.table(Tables.GREEKS_1M_MARKS).symbol("kind", kind).timestampColumn("complete_from", completeFromMs).at(tsMs);
  }

  /**
   * Sends this batch, or spools it when the server is away or older batches still wait. Throws only when
   * the server refuses the batch (its rows are then counted as failed by the writer).
   */
  @Override
  public void commit() throws Exception {
    byte[] batch = lines.toByteArray();
    int rows = lines.rows();
    lines.reset();
    if (rows == 0) {
      return;
    }
    if (spool.isEmpty() && serverUp) {
      try {
        http.write(batch);
        return;
      } catch (QuestDbHttp.Unavailable e) {
        down(e);
      }
    }
    spool.append(batch, rows);
  }

  /** Sends spooled batches once the retry time has come. */
  @Override
  public void tick() throws InterruptedException {
    if (spool.isEmpty() || clock.millis() < retryAtMs) {
      return;
    }
    if (!tablesCreated) {
      createTables();
    }
    for (int i = 0; i < SEGMENTS_PER_TICK && !spool.isEmpty(); i++) {
      Spool.Segment oldest = spool.oldest();
      try {
        http.write(spool.read(oldest));
      } catch (QuestDbHttp.Refused e) {
        failures.record("server_refused", e.getMessage(), oldest.rows());
      } catch (java.io.IOException e) {
        down(e);
        return;
      }
      spool.remove(oldest);
    }
    if (!serverUp) {
      serverUp = true;
      LOG.info("QuestDB server answers again; {} spooled rows left to send", spool.rows());
    }
  }

  @Override
  public void rollback() {
    lines.reset();
  }

  @Override
  public void dropPartitionsBefore(long cutoffEpochMs) throws Exception {
    for (String table : Tables.ALL) {
      var answer = http.exec("SELECT min(ts) FROM " + table);
      var dataset = answer.getJsonArray("dataset");
      Object min = dataset == null || dataset.isEmpty() ? null : dataset.getJsonArray(0).getValue(0);
      if (min instanceof String iso && java.time.Instant.parse(iso).toEpochMilli() < cutoffEpochMs) {
        http.exec("ALTER TABLE " + table + " DROP PARTITION WHERE ts < " + SqlText.timestamp(cutoffEpochMs));
      }
    }
  }

  @Override
  public void close() {
    lines.reset();
  }

  /** True while the last request reached the server. */
  public boolean serverUp() {
    return serverUp;
  }

  private void down(Exception e) {
    retryAtMs = clock.millis() + retryMs;
    if (serverUp) {
      serverUp = false;
      LOG.warn("QuestDB server unavailable, spooling rows to disk until it answers: {}", e.getMessage());
    }
  }
}
