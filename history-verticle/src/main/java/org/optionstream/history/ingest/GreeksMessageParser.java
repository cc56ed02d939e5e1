package org.optionstream.history.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;
import org.optionstream.common.encoding.StreamingJson;
import org.optionstream.common.json.GreeksUpdateReader;

/**
 * Reads one encoded {@code greeks_update} message ({@code {"type":"greeks_update","data":{...}}}, UTF-8, as
 * {@code greeks.update.frames} carries it) into a {@link GreeksRow}, with a streaming parser: no tree, only
 * the strings are allocated. Unknown members are skipped, so a newer publisher's extra fields do no harm.
 * Not thread-safe: one per writer thread.
 */
public final class GreeksMessageParser {

  /** delta, gamma, theta, vega, rho of the update being read. */
  private final double[] greeks = new double[5];

  /**
   * Fills {@code row} from {@code message}.
   *
   * @throws MalformedMessageException kind {@code greeks_json} when the bytes are not JSON of that shape,
   *     {@code greeks_fields} when the instrument key, symbol, expiry, type or exchange time is missing
   */
  public GreeksRow parse(byte[] message, GreeksRow row) throws MalformedMessageException {
    row.clear();
    try (JsonParser p = StreamingJson.FACTORY.createParser(message)) {
      expect(p.nextToken(), JsonToken.START_OBJECT);
      boolean sawData = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if ("data".equals(name) && value == JsonToken.START_OBJECT) {
          readData(p, row);
          sawData = true;
        } else {
          p.skipChildren();
        }
      }
      if (!sawData) {
        throw new MalformedMessageException("greeks_json", "no data object");
      }
    } catch (IOException | RuntimeException e) {
      throw new MalformedMessageException("greeks_json", String.valueOf(e.getMessage()));
    }
    if (row.instrumentKey == null || row.symbol == null || row.expiry == null || row.type == null
        || row.exchangeTimeMs == GreeksRow.NO_LONG) {
      throw new MalformedMessageException("greeks_fields",
          "instrumentKey, symbol, expiry, type and exchangeTimeMs are required");
    }
    return row;
  }

  private void readData(JsonParser p, GreeksRow row) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      switch (name) {
        case "instrumentKey" -> row.instrumentKey = text(p, value);
        case "symbol" -> row.symbol = text(p, value);
        case "expiry" -> row.expiry = text(p, value);
        case "type" -> row.type = text(p, value);
        case "ivStatus" -> row.ivStatus = text(p, value);
        case "strike" -> row.strike = number(p, value);
        case "price" -> row.price = number(p, value);
        case "bid" -> row.bid = number(p, value);
        case "ask" -> row.ask = number(p, value);
        case "oi" -> row.oi = number(p, value);
        case "oiChange" -> row.oiChange = number(p, value);
        case "iv" -> row.iv = number(p, value);
        case "underlyingPrice" -> row.underlyingPrice = number(p, value);
        case "forward" -> row.forward = number(p, value);
        case "timeToExpiry" -> row.timeToExpiry = number(p, value);
        case "rate" -> row.rate = number(p, value);
        case "volume" -> row.volume = integer(p, value);
        case "sequence" -> row.sequence = integer(p, value);
        case "exchangeTimeMs" -> row.exchangeTimeMs = integer(p, value);
        case "greeks" -> readGreeks(p, value, row);
        default -> p.skipChildren();
      }
    }
  }

  private void readGreeks(JsonParser p, JsonToken value, GreeksRow row) throws IOException {
    Arrays.fill(greeks, Double.NaN);
    GreeksUpdateReader.readGreeks(p, value, greeks);
    row.delta = greeks[0];
    row.gamma = greeks[1];
    row.theta = greeks[2];
    row.vega = greeks[3];
    row.rho = greeks[4];
  }

  private static String text(JsonParser p, JsonToken value) throws IOException {
    return value == JsonToken.VALUE_STRING ? p.getText() : null;
  }

  private static double number(JsonParser p, JsonToken value) throws IOException {
    return value == JsonToken.VALUE_NUMBER_FLOAT || value == JsonToken.VALUE_NUMBER_INT ? p.getDoubleValue() : Double.NaN;
  }

  private static long integer(JsonParser p, JsonToken value) throws IOException {
    return value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : GreeksRow.NO_LONG;
  }

  private static void expect(JsonToken actual, JsonToken wanted) throws IOException {
    if (actual != wanted) {
      throw new IOException("expected " + wanted + ", got " + actual);
    }
  }
}
