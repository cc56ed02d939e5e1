package org.optionstream.history.ingest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;
import org.optionstream.common.json.FeedStatus;
import org.optionstream.common.json.GreeksUpdateFrame;
import org.optionstream.common.json.GreeksUpdateFrames;
import org.optionstream.common.json.PcrUpdate;
import org.optionstream.history.store.HistorySink;

/**
 * Turns each waiting message into rows of a {@link HistorySink}, on the writer thread. A message that cannot
 * be read is reported to {@link WriteFailures} by kind and skipped; the rest of its batch is still written.
 * Not thread-safe (reuses one row of each table).
 */
public final class RowMapper {

  private final GreeksMessageParser parser = new GreeksMessageParser();
  private final GreeksRow greeksRow = new GreeksRow();
  private final OiStrikeRow oiRow = new OiStrikeRow();
  private final WriteFailures failures;
  private FeedStatus lastStatus;

  public RowMapper(WriteFailures failures) {
    this.failures = failures;
  }

  /**
   * Writes {@code pending}'s rows to {@code sink}; returns how many were written. Exceptions of the sink
   * (a failed write) propagate: the caller rolls the batch back.
   */
  public int write(Pending pending, HistorySink sink) throws Exception {
    return switch (pending.source()) {
      case GREEKS_FRAMES -> greeks(pending.body(), sink);
      case PCR -> pcr(pending.body(), sink);
      case OI_BY_STRIKE -> oiByStrike(pending.body(), sink);
      case FEED_STATUS -> feedStatus(pending.body(), sink);
    };
  }

  private int greeks(Object body, HistorySink sink) throws Exception {
    if (!(body instanceof GreeksUpdateFrames frames)) {
      failures.record("greeks_body", "not a GreeksUpdateFrames: " + typeOf(body));
      return 0;
    }
    int written = 0;
    for (GreeksUpdateFrame frame : frames.frames()) {
      try {
        parser.parse(frame.message(), greeksRow);
      } catch (MalformedMessageException e) {
        failures.record(e.kind(), e.getMessage());
        continue;
      }
      sink.greeks(greeksRow);
      written++;
    }
    return written;
  }

  private int pcr(Object body, HistorySink sink) throws Exception {
    PcrUpdate update = read(body, PcrUpdate::fromJson);
    if (update == null || update.symbol() == null || update.expiry() == null || update.exchangeTimeMs() <= 0) {
      failures.record("pcr_fields", "pcr_update without symbol, expiry or exchangeTimeMs: " + typeOf(body));
      return 0;
    }
    sink.pcr(update);
    return 1;
  }

  private int oiByStrike(Object body, HistorySink sink) throws Exception {
    if (!(body instanceof JsonObject table) || !(table.getValue("strikes") instanceof JsonArray strikes)
        || !(table.getValue("exchangeTimeMs") instanceof Number time) || table.getString("symbol") == null
        || table.getString("expiry") == null) {
      failures.record("oi_fields", "oi-by-strike without symbol, expiry, exchangeTimeMs or strikes: " + typeOf(body));
      return 0;
    }
    OiStrikeRow row = oiRow;
    row.exchangeTimeMs = time.longValue();
    row.symbol = table.getString("symbol");
    row.expiry = table.getString("expiry");
    row.atmStrike = number(table, "atmStrike");
    row.maxPain = number(table, "maxPain");
    int written = 0;
    for (Object entry : strikes) {
      if (!(entry instanceof JsonObject strike) || !(strike.getValue("strike") instanceof Number k)) {
        failures.record("oi_strike", "a strikes entry without a strike");
        continue;
      }
      row.strike = k.doubleValue();
      row.ceOi = number(strike, "ceOi");
      row.peOi = number(strike, "peOi");
      row.ceOiChange = number(strike, "ceOiChange");
      row.peOiChange = number(strike, "peOiChange");
      row.ceVolume = whole(strike, "ceVolume");
      row.peVolume = whole(strike, "peVolume");
      sink.oiByStrike(row);
      written++;
    }
    return written;
  }

  private int feedStatus(Object body, HistorySink sink) throws Exception {
    FeedStatus status = read(body, FeedStatus::fromJson);
    if (status == null || status.sinceMs() <= 0) {
      failures.record("feed_status_fields", "feed.status without state or sinceMs: " + typeOf(body));
      return 0;
    }
    if (lastStatus != null && lastStatus.state() == status.state() && lastStatus.sinceMs() == status.sinceMs()) {
      return 0;
    }
    lastStatus = status;
    sink.feedStatus(status);
    return 1;
  }

  /** The message read by {@code reader}; null when the body is no JSON object or does not read. */
  private static <T> T read(Object body, Function<JsonObject, T> reader) {
    try {
      return body instanceof JsonObject json ? reader.apply(json) : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static double number(JsonObject json, String field) {
    return json.getValue(field) instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  private static long whole(JsonObject json, String field) {
    return json.getValue(field) instanceof Number n ? n.longValue() : GreeksRow.NO_LONG;
  }

  private static String typeOf(Object body) {
    return body == null ? "null" : body.getClass().getSimpleName();
  }
}
