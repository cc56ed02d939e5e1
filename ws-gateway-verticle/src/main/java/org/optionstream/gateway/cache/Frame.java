package org.optionstream.gateway.cache;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.optionstream.common.Addresses;
import org.optionstream.common.json.GreeksUpdateFrame;
import org.optionstream.gateway.GatewayAddresses;
import org.optionstream.common.encoding.JsonNumbers;

/**
 * One cached update, encoded once and shared by every client that receives it: the JSON text of the
 * plain-WebSocket message ({@code {"type":...,"data":...}}) as UTF-8 bytes, and the SockJS bridge
 * envelope ({@code {"type":"rec","address":...,"body":...}}). Encoding is lazy: an update replaced by a
 * newer one before the next flush is never encoded, so taking in updates costs a map lookup each.
 * Once encoded, the message bytes are the only copy kept: {@link #data()} and {@link #dataJson()} are
 * then rebuilt from them on demand (REST, snapshots), so a cached instrument costs about its message
 * size (~1 KB) instead of a JSON tree plus texts of it (~3.9 KB; bench/pipeline.sh --footprint).
 * {@link #data()} must not be modified by readers. Built, accepted and encoded on the gateway's event
 * loop. The three fields that encoding replaces ({@code data}, {@code dataJson}, {@code message}) are
 * volatile and read into locals, and the bytes are published before the tree and its text are dropped,
 * so a reader on another thread finds either the tree (or its text) or the finished bytes, never none
 * of them; {@code version} and the bridge envelope are plain fields, for the event loop only.
 */
public final class Frame {

  /** What a frame carries: its message type on {@code /ws/*} and its address on the bridge. */
  public enum Kind {
    GREEKS("greeks_update", Addresses.GREEKS_UPDATE),
    PCR("pcr_update", Addresses.PCR_UPDATE),
    OI_BY_STRIKE("oi_by_strike", Addresses.PCR_OI_BY_STRIKE),
    ANALYTICS("chain_analytics", Addresses.CHAIN_ANALYTICS),
    FEED_STATUS("feed_status", Addresses.FEED_STATUS),
    CLUSTER_STATUS("cluster_status", GatewayAddresses.CLUSTER_STATUS);

    private final String messageType;
    private final String address;

    Kind(String messageType, String address) {
      this.messageType = messageType;
      this.address = address;
    }

    public String messageType() {
      return messageType;
    }

    public String address() {
      return address;
    }

    /** The kind whose bridge address is {@code address}, or null. */
    public static Kind ofAddress(String address) {
      for (Kind kind : values()) {
        if (kind.address.equals(address)) {
          return kind;
        }
      }
      return null;
    }
  }

  private final Kind kind;
  private final String key;
  private final String conflationKey;
  private final String symbol;
  private final String expiry;
  private final String chainKey;
  /** The update as received, until {@link #message()} has encoded it; then null. */
  private volatile JsonObject data;
  private final long exchangeTimeMs;
  private final long sequence;
  private long version;
  private volatile String dataJson;
  private volatile byte[] message;
  private String envelope;

  private Frame(Kind kind, String key, String symbol, String expiry, JsonObject data, long exchangeTimeMs,
      long sequence) {
    this.kind = kind;
    this.key = key;
    this.conflationKey = kind.ordinal() + ":" + key;
    this.symbol = symbol;
    this.expiry = expiry;
    this.chainKey = symbol == null || expiry == null ? null : symbol + "|" + expiry;
    this.data = data;
    this.exchangeTimeMs = exchangeTimeMs;
    this.sequence = sequence;
  }

  /** A greeks_update data object; null when it lacks an instrument key. */
  public static Frame greeks(JsonObject data) {
    String instrumentKey = data.getString("instrumentKey");
    if (instrumentKey == null) {
      return null;
    }
    return new Frame(Kind.GREEKS, instrumentKey, data.getString("symbol"), data.getString("expiry"), data,
        JsonNumbers.longOrZero(data, "exchangeTimeMs"), JsonNumbers.longOrZero(data, "sequence"));
  }

  /** A greeks_update that arrived encoded: its bytes are this frame's message, shared as they are. */
  public static Frame greeks(GreeksUpdateFrame encoded) {
    Frame frame = new Frame(Kind.GREEKS, encoded.instrumentKey(), encoded.symbol(), encoded.expiry(), null,
        encoded.exchangeTimeMs(), encoded.sequence());
    frame.message = encoded.message();
    return frame;
  }

  /** A pcr_update, oi-by-strike or chain_analytics object, keyed by symbol and expiry; null when it lacks a symbol. */
  public static Frame perExpiry(Kind kind, JsonObject data) {
    String symbol = data.getString("symbol");
    if (symbol == null) {
      return null;
    }
    String expiry = data.getString("expiry");
    return new Frame(kind, symbol + "|" + expiry, symbol, expiry, data, JsonNumbers.longOrZero(data, "exchangeTimeMs"), 0);
  }

  /** A status object (feed or cluster) of which only the latest one matters. */
  public static Frame status(Kind kind, JsonObject data) {
    return new Frame(kind, kind.name(), null, null, data, 0, 0);
  }


  public Kind kind() {
    return kind;
  }

  /** Cache key within the kind: instrument key, "SYMBOL|expiry", or the kind's name for status frames. */
  public String key() {
    return key;
  }

  /** Unique over all kinds; a client's backlog keeps only the newest frame per conflation key. */
  public String conflationKey() {
    return conflationKey;
  }

  /** "SYMBOL|expiry" for frames of one option chain (Greeks, PCR, OI by strike); null for status frames. */
  public String chainKey() {
    return chainKey;
  }

  public String symbol() {
    return symbol;
  }

  public String expiry() {
    return expiry;
  }

  public JsonObject data() {
    JsonObject held = data;
    return held != null ? held : new JsonObject(dataJson());
  }

  /** {@link #data()} as JSON text. */
  public String dataJson() {
    byte[] encoded = message;
    if (encoded != null) {
      return textOf(encoded);
    }
    String text = dataJson;
    if (text != null) {
      return text;
    }
    JsonObject held = data;
    if (held == null) {
      // encoded (and the tree dropped) since this method read the message field
      return textOf(message);
    }
    text = held.encode();
    dataJson = text;
    return text;
  }

  /** The {@code data} part of an encoded message. */
  private String textOf(byte[] encoded) {
    int prefix = messagePrefix().length();
    return new String(encoded, prefix, encoded.length - prefix - 1, StandardCharsets.UTF_8);
  }

  /** {@code {"type":"<messageType>","data":} (ASCII: its length in chars is its length in bytes). */
  private String messagePrefix() {
    return "{\"type\":\"" + kind.messageType + "\",\"data\":";
  }

  /** Position in the order the gateway's caches accepted frames (0 until accepted). */
  public long version() {
    return version;
  }

  void assignVersion(long acceptedVersion) {
    this.version = acceptedVersion;
  }

  public long exchangeTimeMs() {
    return exchangeTimeMs;
  }

  public long sequence() {
    return sequence;
  }

  /** UTF-8 bytes of {@code {"type":...,"data":...}}, shared: never modify. */
  public byte[] message() {
    byte[] encoded = message;
    if (encoded == null) {
      encoded = (messagePrefix() + dataJson() + "}").getBytes(StandardCharsets.UTF_8);
      message = encoded;
      // the bytes now say everything: drop the tree and the text (after publishing the bytes)
      data = null;
      dataJson = null;
    }
    return encoded;
  }

  /** The SockJS bridge's {@code rec} envelope (JSON text). */
  public String envelope() {
    if (envelope == null) {
      envelope = "{\"type\":\"rec\",\"address\":\"" + kind.address + "\",\"body\":" + dataJson() + "}";
    }
    return envelope;
  }
}
