package org.optionstream.common.json;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import org.optionstream.common.encoding.BinaryWriter;
import org.optionstream.common.encoding.JsonBytesWriter;
import org.optionstream.common.pricing.IvStatus;
import org.optionstream.common.time.IstTime;

/**
 * The {@code data} of a {@code greeks_update}, published on {@code greeks.update} (and, encoded, on
 * {@code greeks.update.frames}). Every field with its unit is listed in {@code docs/event-bus.md}; the
 * pricing conventions behind {@code iv}, the Greeks, {@code forward}, {@code timeToExpiry} and
 * {@code rate} are in {@code docs/pricing.md}. Numbers that are not finite (NaN here) are JSON null;
 * {@code iv} is null unless {@code ivStatus} is {@link IvStatus#OK}.
 *
 * <p>Built with named values ({@link #builder()}); its JSON members, their order and null rules are described
 * once, by {@link #DATA}, which the tree writer ({@link #toJson()}), the byte writer ({@link #writeData}), the
 * tree reader ({@link #fromJson}) and the streaming reader ({@link GreeksUpdateReader}) all go through.
 * Immutable; equal when every field is (doubles compared as {@link Double#compare} does, NaN equal to NaN).
 */
public final class GreeksUpdate {

  public static final String TYPE = "greeks_update";

  /** The {@code greeks} object's members. */
  private static final JsonMembers<GreeksUpdate, Builder> GREEKS = JsonMembers.<GreeksUpdate, Builder>builder()
      .number("delta", GreeksUpdate::delta, Builder::delta)
      .number("gamma", GreeksUpdate::gamma, Builder::gamma)
      .number("theta", GreeksUpdate::theta, Builder::theta)
      .number("vega", GreeksUpdate::vega, Builder::vega)
      .number("rho", GreeksUpdate::rho, Builder::rho)
      .build();

  /**
   * The {@code data} object's members, in publication order: the one description of the public JSON
   * ({@code docs/event-bus.md} lists the same).
   */
  public static final JsonMembers<GreeksUpdate, Builder> DATA = JsonMembers.<GreeksUpdate, Builder>builder()
      .text("instrumentKey", GreeksUpdate::instrumentKey, Builder::instrumentKey)
      .text("symbol", GreeksUpdate::symbol, Builder::symbol)
      .number("strike", GreeksUpdate::strike, Builder::strike)
      .text("type", GreeksUpdate::type, Builder::type)
      .text("expiry", GreeksUpdate::expiry, Builder::expiry)
      .number("price", GreeksUpdate::price, Builder::price)
      .number("oi", GreeksUpdate::oi, Builder::oi)
      .number("iv", u -> u.ivStatus == IvStatus.OK ? u.iv : Double.NaN, Builder::iv)
      .object("greeks", GREEKS)
      .derivedText("timestamp", u -> IstTime.timestamp(u.exchangeTimeMs))
      .number("underlyingPrice", GreeksUpdate::underlyingPrice, Builder::underlyingPrice)
      .number("forward", GreeksUpdate::forward, Builder::forward)
      .text("forwardSource", GreeksUpdate::forwardSource, Builder::forwardSource)
      .number("timeToExpiry", GreeksUpdate::timeToExpiry, Builder::timeToExpiry)
      .number("rate", GreeksUpdate::rate, Builder::rate)
      .text("ivStatus", u -> u.ivStatus.name(), (b, s) -> b.ivStatus(s == null ? null : IvStatus.valueOf(s)))
      .whole("exchangeTimeMs", GreeksUpdate::exchangeTimeMs, Builder::exchangeTimeMs)
      .whole("sequence", GreeksUpdate::sequence, Builder::sequence)
      .whole("volume", GreeksUpdate::volume, Builder::volume)
      .number("bid", GreeksUpdate::bid, Builder::bid)
      .number("ask", GreeksUpdate::ask, Builder::ask)
      .number("oiChange", GreeksUpdate::oiChange, Builder::oiChange)
      .whole("feedReceivedAtMicros", GreeksUpdate::feedReceivedAtMicros, Builder::feedReceivedAtMicros)
      .positiveWhole("lastTradeTimeMs", GreeksUpdate::lastTradeTimeMs, Builder::lastTradeTimeMs)
      .number("ivMid", GreeksUpdate::ivMid, Builder::ivMid)
      .codes("quality", u -> QualityFlag.codes(u.quality), (b, codes) -> b.quality(QualityFlag.mask(codes)))
      .build();
  private final String instrumentKey;
  private final String symbol;
  private final double strike;
  private final String type;
  private final String expiry;
  private final double price;
  private final double oi;
  private final double oiChange;
  private final long volume;
  private final double bid;
  private final double ask;
  private final double iv;
  private final double delta;
  private final double gamma;
  private final double theta;
  private final double vega;
  private final double rho;
  private final long exchangeTimeMs;
  private final long sequence;
  private final double underlyingPrice;
  private final double forward;
  private final String forwardSource;
  private final double timeToExpiry;
  private final double rate;
  private final IvStatus ivStatus;
  private final long feedReceivedAtMicros;
  private final long lastTradeTimeMs;
  private final double ivMid;
  private final int quality;

  private GreeksUpdate(Builder b) {
    this.instrumentKey = b.instrumentKey;
    this.symbol = b.symbol;
    this.strike = b.strike;
    this.type = b.type;
    this.expiry = b.expiry;
    this.price = b.price;
    this.oi = b.oi;
    this.oiChange = b.oiChange;
    this.volume = b.volume;
    this.bid = b.bid;
    this.ask = b.ask;
    this.iv = b.iv;
    this.delta = b.delta;
    this.gamma = b.gamma;
    this.theta = b.theta;
    this.vega = b.vega;
    this.rho = b.rho;
    this.exchangeTimeMs = b.exchangeTimeMs;
    this.sequence = b.sequence;
    this.underlyingPrice = b.underlyingPrice;
    this.forward = b.forward;
    this.forwardSource = b.forwardSource;
    this.timeToExpiry = b.timeToExpiry;
    this.rate = b.rate;
    this.ivStatus = b.ivStatus;
    this.feedReceivedAtMicros = b.feedReceivedAtMicros;
    this.lastTradeTimeMs = b.lastTradeTimeMs;
    this.ivMid = b.ivMid;
    this.quality = b.quality;
  }

  /** A builder with every string null, every double NaN, every whole number 0, no ivStatus and no quality flag. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this update's values, to build a copy with a few of them changed. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.instrumentKey = instrumentKey;
    b.symbol = symbol;
    b.strike = strike;
    b.type = type;
    b.expiry = expiry;
    b.price = price;
    b.oi = oi;
    b.oiChange = oiChange;
    b.volume = volume;
    b.bid = bid;
    b.ask = ask;
    b.iv = iv;
    b.delta = delta;
    b.gamma = gamma;
    b.theta = theta;
    b.vega = vega;
    b.rho = rho;
    b.exchangeTimeMs = exchangeTimeMs;
    b.sequence = sequence;
    b.underlyingPrice = underlyingPrice;
    b.forward = forward;
    b.forwardSource = forwardSource;
    b.timeToExpiry = timeToExpiry;
    b.rate = rate;
    b.ivStatus = ivStatus;
    b.feedReceivedAtMicros = feedReceivedAtMicros;
    b.lastTradeTimeMs = lastTradeTimeMs;
    b.ivMid = ivMid;
    b.quality = quality;
    return b;
  }

  /** Upstox instrument key. */
  public String instrumentKey() {
    return instrumentKey;
  }

  /** Underlying's symbol. */
  public String symbol() {
    return symbol;
  }

  /** Strike, index points. */
  public double strike() {
    return strike;
  }

  /** {@code CE} or {@code PE}. */
  public String type() {
    return type;
  }

  /** ISO date of expiry. */
  public String expiry() {
    return expiry;
  }

  /** The tick's last price, rupees (0 while no trade is known). */
  public double price() {
    return price;
  }

  /** Open interest, contracts' quantity. */
  public double oi() {
    return oi;
  }

  /** {@code oi} minus the previous session's closing OI; NaN when that is unknown. */
  public double oiChange() {
    return oiChange;
  }

  /** Quantity traded today. */
  public long volume() {
    return volume;
  }

  /** Best bid, rupees; NaN when unknown. */
  public double bid() {
    return bid;
  }

  /** Best ask, rupees; NaN when unknown. */
  public double ask() {
    return ask;
  }

  /** Implied volatility, annualised, as a fraction; published only when {@code ivStatus} is {@link IvStatus#OK}. */
  public double iv() {
    return iv;
  }

  /** Delta, with respect to the forward, discounted. */
  public double delta() {
    return delta;
  }

  /** Gamma, per index point. */
  public double gamma() {
    return gamma;
  }

  /** Theta, rupees per calendar day. */
  public double theta() {
    return theta;
  }

  /** Vega, rupees per vol point. */
  public double vega() {
    return vega;
  }

  /** Rho, rupees per 1 % of rate. */
  public double rho() {
    return rho;
  }

  /** The tick's exchange time, epoch milliseconds. */
  public long exchangeTimeMs() {
    return exchangeTimeMs;
  }

  /** The tick's per-instrument sequence. */
  public long sequence() {
    return sequence;
  }

  /** Index price the tick carried, index points; NaN when unknown. */
  public double underlyingPrice() {
    return underlyingPrice;
  }

  /** Forward used for pricing, index points; NaN when unknown. */
  public double forward() {
    return forward;
  }

  /** Where {@code forward} came from ({@code SYNTHETIC}, {@code SPOT}), null when unknown. */
  public String forwardSource() {
    return forwardSource;
  }

  /** Time to expiry used for pricing, years. */
  public double timeToExpiry() {
    return timeToExpiry;
  }

  /** Rate used for pricing, continuously compounded, annual, as a fraction. */
  public double rate() {
    return rate;
  }

  /** Whether {@code iv} solved, and why not. */
  public IvStatus ivStatus() {
    return ivStatus;
  }

  /** Wall clock at the feed when the frame arrived, epoch microseconds. */
  public long feedReceivedAtMicros() {
    return feedReceivedAtMicros;
  }

  /** Time of the last trade, epoch milliseconds; 0 while unknown (published as null). */
  public long lastTradeTimeMs() {
    return lastTradeTimeMs;
  }

  /** Implied volatility of the mid quote, as a fraction; NaN when it does not solve. */
  public double ivMid() {
    return ivMid;
  }

  /** The quality flags, a mask of {@link QualityFlag#bit()}s. */
  public int quality() {
    return quality;
  }

  /** The {@code data} object, as {@code docs/event-bus.md} lists it, with non-finite numbers as null. */
  public JsonObject toJson() {
    return DATA.toJson(this);
  }

  /**
   * Writes the same {@code data} object as {@link #toJson()}, member for member and in the same
   * order, straight to bytes (the per-tick path: no tree, no generator).
   */
  public void writeData(JsonBytesWriter out) {
    DATA.write(this, out);
  }

  /**
   * Writes every member of the {@code data} object in {@link #DATA}'s binary form, which
   * {@link GreeksUpdateReader#readFields} reads back to the update the JSON would give.
   */
  public void writeFields(BinaryWriter out) {
    DATA.writeBinary(this, out);
  }

  /** The public message: {@code {"type":"greeks_update","data":{...}}}. */
  public JsonObject toMessage() {
    return new JsonObject().put("type", TYPE).put("data", toJson());
  }

  /**
   * Reads a {@code data} object written by {@link #toJson()}; nulls become NaN (numbers) or 0 (whole numbers).
   *
   * @throws IllegalArgumentException when {@code ivStatus} is missing or unknown
   */
  public static GreeksUpdate fromJson(JsonObject data) {
    Builder b = new Builder();
    DATA.readJson(data, b);
    return b.buildRead();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof GreeksUpdate u)) {
      return false;
    }
    return Objects.equals(instrumentKey, u.instrumentKey) && Objects.equals(symbol, u.symbol)
        && Double.compare(strike, u.strike) == 0 && Objects.equals(type, u.type)
        && Objects.equals(expiry, u.expiry) && Double.compare(price, u.price) == 0
        && Double.compare(oi, u.oi) == 0 && Double.compare(oiChange, u.oiChange) == 0 && volume == u.volume
        && Double.compare(bid, u.bid) == 0 && Double.compare(ask, u.ask) == 0
        && Double.compare(iv, u.iv) == 0 && Double.compare(delta, u.delta) == 0
        && Double.compare(gamma, u.gamma) == 0 && Double.compare(theta, u.theta) == 0
        && Double.compare(vega, u.vega) == 0 && Double.compare(rho, u.rho) == 0
        && exchangeTimeMs == u.exchangeTimeMs && sequence == u.sequence
        && Double.compare(underlyingPrice, u.underlyingPrice) == 0
        && Double.compare(forward, u.forward) == 0 && Objects.equals(forwardSource, u.forwardSource)
        && Double.compare(timeToExpiry, u.timeToExpiry) == 0 && Double.compare(rate, u.rate) == 0
        && ivStatus == u.ivStatus && feedReceivedAtMicros == u.feedReceivedAtMicros
        && lastTradeTimeMs == u.lastTradeTimeMs && Double.compare(ivMid, u.ivMid) == 0
        && quality == u.quality;
  }

  @Override
  public int hashCode() {
    int h = 0;
    h = 31 * h + Objects.hashCode(instrumentKey);
    h = 31 * h + Objects.hashCode(symbol);
    h = 31 * h + Double.hashCode(strike);
    h = 31 * h + Objects.hashCode(type);
    h = 31 * h + Objects.hashCode(expiry);
    h = 31 * h + Double.hashCode(price);
    h = 31 * h + Double.hashCode(oi);
    h = 31 * h + Double.hashCode(oiChange);
    h = 31 * h + Long.hashCode(volume);
    h = 31 * h + Double.hashCode(bid);
    h = 31 * h + Double.hashCode(ask);
    h = 31 * h + Double.hashCode(iv);
    h = 31 * h + Double.hashCode(delta);
    h = 31 * h + Double.hashCode(gamma);
    h = 31 * h + Double.hashCode(theta);
    h = 31 * h + Double.hashCode(vega);
    h = 31 * h + Double.hashCode(rho);
    h = 31 * h + Long.hashCode(exchangeTimeMs);
    h = 31 * h + Long.hashCode(sequence);
    h = 31 * h + Double.hashCode(underlyingPrice);
    h = 31 * h + Double.hashCode(forward);
    h = 31 * h + Objects.hashCode(forwardSource);
    h = 31 * h + Double.hashCode(timeToExpiry);
    h = 31 * h + Double.hashCode(rate);
    h = 31 * h + Objects.hashCode(ivStatus);
    h = 31 * h + Long.hashCode(feedReceivedAtMicros);
    h = 31 * h + Long.hashCode(lastTradeTimeMs);
    h = 31 * h + Double.hashCode(ivMid);
    h = 31 * h + quality;
    return h;
  }

  @Override
  public String toString() {
    return "GreeksUpdate[instrumentKey=" + instrumentKey + ", symbol=" + symbol + ", strike=" + strike + ", type=" + type
        + ", expiry=" + expiry + ", price=" + price + ", oi=" + oi + ", oiChange=" + oiChange
        + ", volume=" + volume + ", bid=" + bid + ", ask=" + ask + ", iv=" + iv + ", delta=" + delta
        + ", gamma=" + gamma + ", theta=" + theta + ", vega=" + vega + ", rho=" + rho
        + ", exchangeTimeMs=" + exchangeTimeMs + ", sequence=" + sequence
        + ", underlyingPrice=" + underlyingPrice + ", forward=" + forward
        + ", forwardSource=" + forwardSource + ", timeToExpiry=" + timeToExpiry + ", rate=" + rate
        + ", ivStatus=" + ivStatus + ", feedReceivedAtMicros=" + feedReceivedAtMicros
        + ", lastTradeTimeMs=" + lastTradeTimeMs + ", ivMid=" + ivMid + ", quality=" + quality + "]";
  }

  /**
   * The values of an update, each set by name; unset ones keep their defaults (strings null, doubles NaN, whole
   * numbers 0, no quality flag). Also the state the readers fill. Not thread-safe.
   */
  public static final class Builder {
    private String instrumentKey = null;
    private String symbol = null;
    private double strike = Double.NaN;
    private String type = null;
    private String expiry = null;
    private double price = Double.NaN;
    private double oi = Double.NaN;
    private double oiChange = Double.NaN;
    private long volume = 0;
    private double bid = Double.NaN;
    private double ask = Double.NaN;
    private double iv = Double.NaN;
    private double delta = Double.NaN;
    private double gamma = Double.NaN;
    private double theta = Double.NaN;
    private double vega = Double.NaN;
    private double rho = Double.NaN;
    private long exchangeTimeMs = 0;
    private long sequence = 0;
    private double underlyingPrice = Double.NaN;
    private double forward = Double.NaN;
    private String forwardSource = null;
    private double timeToExpiry = Double.NaN;
    private double rate = Double.NaN;
    private IvStatus ivStatus = null;
    private long feedReceivedAtMicros = 0;
    private long lastTradeTimeMs = 0;
    private double ivMid = Double.NaN;
    private int quality = 0;

    private Builder() {
    }

    /** Upstox instrument key. */
    public Builder instrumentKey(String instrumentKey) {
      this.instrumentKey = instrumentKey;
      return this;
    }

    /** Underlying's symbol. */
    public Builder symbol(String symbol) {
      this.symbol = symbol;
      return this;
    }

    /** Strike, index points. */
    public Builder strike(double strike) {
      this.strike = strike;
      return this;
    }

    /** {@code CE} or {@code PE}. */
    public Builder type(String type) {
      this.type = type;
      return this;
    }

    /** ISO date of expiry. */
    public Builder expiry(String expiry) {
      this.expiry = expiry;
      return this;
    }

    /** The tick's last price, rupees (0 while no trade is known). */
    public Builder price(double price) {
      this.price = price;
      return this;
    }

    /** Open interest, contracts' quantity. */
    public Builder oi(double oi) {
      this.oi = oi;
      return this;
    }

    /** {@code oi} minus the previous session's closing OI; NaN when that is unknown. */
    public Builder oiChange(double oiChange) {
      this.oiChange = oiChange;
      return this;
    }

    /** Quantity traded today. */
    public Builder volume(long volume) {
      this.volume = volume;
      return this;
    }

    /** Best bid, rupees; NaN when unknown. */
    public Builder bid(double bid) {
      this.bid = bid;
      return this;
    }

    /** Best ask, rupees; NaN when unknown. */
    public Builder ask(double ask) {
      this.ask = ask;
      return this;
    }

    /** Implied volatility, annualised, as a fraction; published only when {@code ivStatus} is {@link IvStatus#OK}. */
    public Builder iv(double iv) {
      this.iv = iv;
      return this;
    }

    /** Delta, with respect to the forward, discounted. */
    public Builder delta(double delta) {
      this.delta = delta;
      return this;
    }

    /** Gamma, per index point. */
    public Builder gamma(double gamma) {
      this.gamma = gamma;
      return this;
    }

    /** Theta, rupees per calendar day. */
    public Builder theta(double theta) {
      this.theta = theta;
      return this;
    }

    /** Vega, rupees per vol point. */
    public Builder vega(double vega) {
      this.vega = vega;
      return this;
    }

    /** Rho, rupees per 1 % of rate. */
    public Builder rho(double rho) {
      this.rho = rho;
      return this;
    }

    /** The tick's exchange time, epoch milliseconds. */
    public Builder exchangeTimeMs(long exchangeTimeMs) {
      this.exchangeTimeMs = exchangeTimeMs;
      return this;
    }

    /** The tick's per-instrument sequence. */
    public Builder sequence(long sequence) {
      this.sequence = sequence;
      return this;
    }

    /** Index price the tick carried, index points; NaN when unknown. */
    public Builder underlyingPrice(double underlyingPrice) {
      this.underlyingPrice = underlyingPrice;
      return this;
    }

    /** Forward used for pricing, index points; NaN when unknown. */
    public Builder forward(double forward) {
      this.forward = forward;
      return this;
    }

    /** Where {@code forward} came from ({@code SYNTHETIC}, {@code SPOT}), null when unknown. */
    public Builder forwardSource(String forwardSource) {
      this.forwardSource = forwardSource;
      return this;
    }

    /** Time to expiry used for pricing, years. */
    public Builder timeToExpiry(double timeToExpiry) {
      this.timeToExpiry = timeToExpiry;
      return this;
    }

    /** Rate used for pricing, continuously compounded, annual, as a fraction. */
    public Builder rate(double rate) {
      this.rate = rate;
      return this;
    }

    /** Whether {@code iv} solved, and why not. */
    public Builder ivStatus(IvStatus ivStatus) {
      this.ivStatus = ivStatus;
      return this;
    }

    /** Wall clock at the feed when the frame arrived, epoch microseconds. */
    public Builder feedReceivedAtMicros(long feedReceivedAtMicros) {
      this.feedReceivedAtMicros = feedReceivedAtMicros;
      return this;
    }

    /** Time of the last trade, epoch milliseconds; 0 while unknown (published as null). */
    public Builder lastTradeTimeMs(long lastTradeTimeMs) {
      this.lastTradeTimeMs = lastTradeTimeMs;
      return this;
    }

    /** Implied volatility of the mid quote, as a fraction; NaN when it does not solve. */
    public Builder ivMid(double ivMid) {
      this.ivMid = ivMid;
      return this;
    }

    /** The quality flags, a mask of {@link QualityFlag#bit()}s. */
    public Builder quality(int quality) {
      this.quality = quality;
      return this;
    }

    /** Back to the defaults of {@link GreeksUpdate#builder()}, to read the next update into. */
    Builder clear() {
      instrumentKey = null;
      symbol = null;
      strike = Double.NaN;
      type = null;
      expiry = null;
      price = Double.NaN;
      oi = Double.NaN;
      oiChange = Double.NaN;
      volume = 0;
      bid = Double.NaN;
      ask = Double.NaN;
      iv = Double.NaN;
      delta = Double.NaN;
      gamma = Double.NaN;
      theta = Double.NaN;
      vega = Double.NaN;
      rho = Double.NaN;
      exchangeTimeMs = 0;
      sequence = 0;
      underlyingPrice = Double.NaN;
      forward = Double.NaN;
      forwardSource = null;
      timeToExpiry = Double.NaN;
      rate = Double.NaN;
      ivStatus = null;
      feedReceivedAtMicros = 0;
      lastTradeTimeMs = 0;
      ivMid = Double.NaN;
      quality = 0;
      return this;
    }

    /** The update, as read: one without an {@code ivStatus} is refused. */
    GreeksUpdate buildRead() {
      if (ivStatus == null) {
        throw new IllegalArgumentException("a greeks_update needs an ivStatus");
      }
      return build();
    }

    public GreeksUpdate build() {
      return new GreeksUpdate(this);
    }
  }
}
