package org.optionstream.feed.instruments;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.optionstream.common.time.IstTime;

/**
 * The option contracts of Upstox's daily master file (a gzipped JSON array, one object per
 * instrument), indexed by underlying symbol, expiry and strike. Only option rows ({@code segment}
 * {@code NSE_FO}/{@code BSE_FO}, {@code instrument_type} CE/PE) whose expiry date is not before
 * {@code todayEpochDay} are kept. Expiry dates come from the file's {@code expiry} (epoch ms at
 * 23:59:59 IST), never from a weekday rule. The file is streamed, so the full array never sits in memory.
 */
public final class InstrumentMaster {

  private static final JsonFactory JSON = new JsonFactory();
  private static final ZoneOffset IST = IstTime.IST_OFFSET;

  private final Map<String, Underlying> underlyings;
  private final Map<String, OptionContract> byKey;

  private InstrumentMaster(Map<String, Underlying> underlyings, Map<String, OptionContract> byKey) {
    this.underlyings = underlyings;
    this.byKey = byKey;
  }

  /** Parses the gzipped master file (blocking: call it off the event loop). */
  public static InstrumentMaster parseGzip(byte[] gzipped, int todayEpochDay) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped), 1 << 16)) {
      return parse(in, todayEpochDay);
    } catch (IOException e) {
      throw new UncheckedIOException("instruments master is not a gzipped JSON array: " + e.getMessage(), e);
    }
  }

  /** Parses a plain JSON array (blocking). */
  public static InstrumentMaster parse(InputStream json, int todayEpochDay) throws IOException {
    Map<String, Underlying> underlyings = new TreeMap<>();
    Map<String, OptionContract> byKey = new HashMap<>();
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new IOException("instruments master must be a JSON array");
      }
      Map<String, Object> row = new HashMap<>();
      while (p.nextToken() == JsonToken.START_OBJECT) {
        row.clear();
        readFlatObject(p, row);
        OptionContract contract = toContract(row, todayEpochDay);
        if (contract != null) {
          String indexKey = string(row, "underlying_key");
          Underlying u = underlyings.computeIfAbsent(contract.symbol(), s -> new Underlying(s, indexKey));
          u.chainFor(contract.expiryEpochDay()).add(contract);
          byKey.put(contract.instrumentKey(), contract);
        }
      }
    }
    underlyings.values().forEach(u -> u.chains().values().forEach(ExpiryChain::seal));
    return new InstrumentMaster(Collections.unmodifiableMap(underlyings), byKey);
  }

  private static void readFlatObject(JsonParser p, Map<String, Object> row) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      switch (t) {
        case VALUE_STRING -> row.put(name, p.getText());
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> row.put(name, p.getNumberValue());
        case VALUE_TRUE, VALUE_FALSE -> row.put(name, t == JsonToken.VALUE_TRUE);
        case START_OBJECT, START_ARRAY -> p.skipChildren();
        default -> {
          // null: leave the field out
        }
      }
    }
  }

  private static OptionContract toContract(Map<String, Object> row, int todayEpochDay) {
    String segment = string(row, "segment");
    String type = string(row, "instrument_type");
    if (segment == null || !segment.endsWith("_FO") || !("CE".equals(type) || "PE".equals(type))) {
      return null;
    }
    String key = string(row, "instrument_key");
    String symbol = string(row, "underlying_symbol");
    if (symbol == null) {
      symbol = string(row, "asset_symbol");
    }
    Number strike = number(row, "strike_price");
    Number expiryMs = number(row, "expiry");
    if (key == null || symbol == null || strike == null || expiryMs == null || string(row, "underlying_key") == null) {
      return null;
    }
    int expiryDay = (int) Instant.ofEpochMilli(expiryMs.longValue()).atOffset(IST).toLocalDate().toEpochDay();
    if (expiryDay < todayEpochDay) {
      return null;
    }
    Number lot = number(row, "lot_size");
    Number tick = number(row, "tick_size");
    return new OptionContract(key, symbol, "CE".equals(type), strike.doubleValue(), expiryDay,
        lot == null ? 1 : lot.intValue(), tick == null ? 0 : tick.doubleValue(), string(row, "trading_symbol"));
  }

  private static String string(Map<String, Object> row, String name) {
    Object v = row.get(name);
    return v instanceof String s && !s.isBlank() ? s : null;
  }

  private static Number number(Map<String, Object> row, String name) {
    Object v = row.get(name);
    if (v instanceof Number n) {
      return n;
    }
    if (v instanceof String s) {
      try {
        return Double.parseDouble(s);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** The underlying with that symbol (case-insensitive), or null. */
  public Underlying underlying(String symbol) {
    return symbol == null ? null : underlyings.get(symbol.trim().toUpperCase(java.util.Locale.ROOT));
  }

  /** Symbols with listed options, sorted. */
  public List<String> symbols() {
    return List.copyOf(underlyings.keySet());
  }

  /** The contract with that instrument key, or null. */
  public OptionContract contract(String instrumentKey) {
    return byKey.get(instrumentKey);
  }

  public int contractCount() {
    return byKey.size();
  }
}
