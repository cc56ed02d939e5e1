package org.optionstream.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.optionstream.common.encoding.StreamingJson;
import org.optionstream.common.pricing.IvStatus;

/**
 * Reads a {@code greeks_update}'s {@code data} object from its UTF-8 bytes (as {@link GreeksUpdateFrame} carries
 * them) straight into a {@link GreeksUpdate}, with a streaming parser: no JSON tree, only the record and its
 * strings are allocated. It gives the same record as {@link GreeksUpdate#fromJson} on the parsed tree (a number
 * published as null reads as NaN, an absent whole number as 0); unknown members are skipped, so a newer
 * publisher's extra fields do no harm. Stateless.
 */
public final class GreeksUpdateReader {

  private GreeksUpdateReader() {
  }

  /**
   * The update whose {@code data} object is {@code bytes[offset, offset + length)}.
   *
   * @throws IllegalArgumentException when the bytes are not a JSON object, or {@code ivStatus} is missing or unknown
   */
  public static GreeksUpdate read(byte[] bytes, int offset, int length) {
    try (JsonParser p = StreamingJson.FACTORY.createParser(bytes, offset, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("a greeks_update's data must be a JSON object");
      }
      return readData(p);
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed greeks_update: " + e.getMessage(), e);
    }
  }

  private static GreeksUpdate readData(JsonParser p) throws IOException {
    String instrumentKey = null;
    String symbol = null;
    String type = null;
    String expiry = null;
    String forwardSource = null;
    String ivStatus = null;
    double strike = Double.NaN;
    double price = Double.NaN;
    double oi = Double.NaN;
    double oiChange = Double.NaN;
    double bid = Double.NaN;
    double ask = Double.NaN;
    double iv = Double.NaN;
    double ivMid = Double.NaN;
    double underlyingPrice = Double.NaN;
    double forward = Double.NaN;
    double timeToExpiry = Double.NaN;
    double rate = Double.NaN;
    double[] greeks = {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
    long volume = 0;
    long exchangeTimeMs = 0;
    long sequence = 0;
    long feedReceivedAtMicros = 0;
    long lastTradeTimeMs = 0;
    int quality = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      switch (name) {
        case "instrumentKey" -> instrumentKey = text(p, value);
        case "symbol" -> symbol = text(p, value);
        case "type" -> type = text(p, value);
        case "expiry" -> expiry = text(p, value);
        case "forwardSource" -> forwardSource = text(p, value);
        case "ivStatus" -> ivStatus = text(p, value);
        case "strike" -> strike = number(p, value);
        case "price" -> price = number(p, value);
        case "oi" -> oi = number(p, value);
        case "oiChange" -> oiChange = number(p, value);
        case "bid" -> bid = number(p, value);
        case "ask" -> ask = number(p, value);
        case "iv" -> iv = number(p, value);
        case "ivMid" -> ivMid = number(p, value);
        case "underlyingPrice" -> underlyingPrice = number(p, value);
        case "forward" -> forward = number(p, value);
        case "timeToExpiry" -> timeToExpiry = number(p, value);
        case "rate" -> rate = number(p, value);
        case "volume" -> volume = whole(p, value);
        case "exchangeTimeMs" -> exchangeTimeMs = whole(p, value);
        case "sequence" -> sequence = whole(p, value);
        case "feedReceivedAtMicros" -> feedReceivedAtMicros = whole(p, value);
        case "lastTradeTimeMs" -> lastTradeTimeMs = whole(p, value);
        case "greeks" -> readGreeks(p, value, greeks);
        case "quality" -> quality = qualityMask(p, value);
        default -> p.skipChildren();
      }
    }
    if (ivStatus == null) {
      throw new IllegalArgumentException("a greeks_update needs an ivStatus");
    }
    return new GreeksUpdate(instrumentKey, symbol, strike, type, expiry, price, oi, oiChange, volume, bid, ask, iv,
        greeks[0], greeks[1], greeks[2], greeks[3], greeks[4], exchangeTimeMs, sequence, underlyingPrice, forward,
        forwardSource, timeToExpiry, rate, IvStatus.valueOf(ivStatus), feedReceivedAtMicros, lastTradeTimeMs, ivMid,
        quality);
  }

  /**
   * Reads a {@code greeks} object, the parser standing on its {@code START_OBJECT} ({@code value}), into
   * {@code out}: delta, gamma, theta, vega, rho, in that order (a null or absent one stays as it was). Any other
   * value is skipped. Shared with readers that fill their own rows.
   */
  public static void readGreeks(JsonParser p, JsonToken value, double[] out) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "delta" -> out[0] = number(p, v);
        case "gamma" -> out[1] = number(p, v);
        case "theta" -> out[2] = number(p, v);
        case "vega" -> out[3] = number(p, v);
        case "rho" -> out[4] = number(p, v);
        default -> p.skipChildren();
      }
    }
  }

  private static int qualityMask(JsonParser p, JsonToken value) throws IOException {
    if (value != JsonToken.START_ARRAY) {
      p.skipChildren();
      return 0;
    }
    List<String> codes = new ArrayList<>(2);
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (t == JsonToken.VALUE_STRING) {
        codes.add(p.getText());
      } else {
        p.skipChildren();
      }
    }
    return QualityFlag.mask(codes);
  }

  private static String text(JsonParser p, JsonToken value) throws IOException {
    return value == JsonToken.VALUE_STRING ? p.getText() : null;
  }

  private static double number(JsonParser p, JsonToken value) throws IOException {
    return value == JsonToken.VALUE_NUMBER_FLOAT || value == JsonToken.VALUE_NUMBER_INT ? p.getDoubleValue() : Double.NaN;
  }

  private static long whole(JsonParser p, JsonToken value) throws IOException {
    return value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : 0L;
  }
}
