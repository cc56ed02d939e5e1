package org.optionstream.common.json;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import org.optionstream.common.time.IstTime;

/**
 * The {@code data} of a {@code pcr_update}, published on {@code pcr.update} by the pcr leader for one
 * underlying and expiry: PCR, open-interest and volume totals, change-in-OI PCR with the reason it is
 * undefined, over the feed's window around ATM and over all strikes ({@code allStrikes*}), and max
 * pain. Every field with its definition and unit is in {@code docs/event-bus.md}. A figure that cannot
 * be defined is NaN here and JSON null.
 *
 * <p>Built with named values ({@link #builder()}); its JSON members, their order and null rules are described
 * once, by {@link #DATA}, which {@link #toJson()} and {@link #fromJson} go through. Immutable; equal when every
 * field is (doubles compared as {@link Double#compare} does, NaN equal to NaN).
 */
public final class PcrUpdate {

  public static final String TYPE = "pcr_update";

  /** The {@code data} object's members, in publication order: the one description of the public JSON. */
  public static final JsonMembers<PcrUpdate, Builder> DATA = JsonMembers.<PcrUpdate, Builder>builder()
      .text("symbol", PcrUpdate::symbol, Builder::symbol)
      .text("expiry", PcrUpdate::expiry, Builder::expiry)
      .number("pcr", PcrUpdate::pcr, Builder::pcr)
      .number("totalCeOi", PcrUpdate::totalCeOi, Builder::totalCeOi)
      .number("totalPeOi", PcrUpdate::totalPeOi, Builder::totalPeOi)
      .number("strikeFrom", PcrUpdate::strikeFrom, Builder::strikeFrom)
      .number("strikeTo", PcrUpdate::strikeTo, Builder::strikeTo)
      .derivedText("timestamp", u -> IstTime.timestamp(u.exchangeTimeMs))
      .whole("exchangeTimeMs", PcrUpdate::exchangeTimeMs, Builder::exchangeTimeMs)
      .number("atmStrike", PcrUpdate::atmStrike, Builder::atmStrike)
      .number("volumePcr", PcrUpdate::volumePcr, Builder::volumePcr)
      .whole("totalCeVolume", PcrUpdate::totalCeVolume, Builder::totalCeVolume)
      .whole("totalPeVolume", PcrUpdate::totalPeVolume, Builder::totalPeVolume)
      .number("oiChangePcr", PcrUpdate::oiChangePcr, Builder::oiChangePcr)
      .text("oiChangePcrReason", PcrUpdate::oiChangePcrReason, Builder::oiChangePcrReason)
      .number("totalCeOiChange", PcrUpdate::totalCeOiChange, Builder::totalCeOiChange)
      .number("totalPeOiChange", PcrUpdate::totalPeOiChange, Builder::totalPeOiChange)
      .number("allStrikesPcr", PcrUpdate::allStrikesPcr, Builder::allStrikesPcr)
      .number("allStrikesTotalCeOi", PcrUpdate::allStrikesTotalCeOi, Builder::allStrikesTotalCeOi)
      .number("allStrikesTotalPeOi", PcrUpdate::allStrikesTotalPeOi, Builder::allStrikesTotalPeOi)
      .number("allStrikesFrom", PcrUpdate::allStrikesFrom, Builder::allStrikesFrom)
      .number("allStrikesTo", PcrUpdate::allStrikesTo, Builder::allStrikesTo)
      .number("allStrikesVolumePcr", PcrUpdate::allStrikesVolumePcr, Builder::allStrikesVolumePcr)
      .whole("allStrikesTotalCeVolume", PcrUpdate::allStrikesTotalCeVolume, Builder::allStrikesTotalCeVolume)
      .whole("allStrikesTotalPeVolume", PcrUpdate::allStrikesTotalPeVolume, Builder::allStrikesTotalPeVolume)
      .number("allStrikesOiChangePcr", PcrUpdate::allStrikesOiChangePcr, Builder::allStrikesOiChangePcr)
      .text("allStrikesOiChangePcrReason", PcrUpdate::allStrikesOiChangePcrReason, Builder::allStrikesOiChangePcrReason)
      .number("allStrikesTotalCeOiChange", PcrUpdate::allStrikesTotalCeOiChange, Builder::allStrikesTotalCeOiChange)
      .number("allStrikesTotalPeOiChange", PcrUpdate::allStrikesTotalPeOiChange, Builder::allStrikesTotalPeOiChange)
      .number("maxPain", PcrUpdate::maxPain, Builder::maxPain)
      .build();

  private final String symbol;
  private final String expiry;
  private final double pcr;
  private final double totalCeOi;
  private final double totalPeOi;
  private final double strikeFrom;
  private final double strikeTo;
  private final long exchangeTimeMs;
  private final double atmStrike;
  private final double volumePcr;
  private final long totalCeVolume;
  private final long totalPeVolume;
  private final double oiChangePcr;
  private final String oiChangePcrReason;
  private final double totalCeOiChange;
  private final double totalPeOiChange;
  private final double allStrikesPcr;
  private final double allStrikesTotalCeOi;
  private final double allStrikesTotalPeOi;
  private final double allStrikesFrom;
  private final double allStrikesTo;
  private final double allStrikesVolumePcr;
  private final long allStrikesTotalCeVolume;
  private final long allStrikesTotalPeVolume;
  private final double allStrikesOiChangePcr;
  private final String allStrikesOiChangePcrReason;
  private final double allStrikesTotalCeOiChange;
  private final double allStrikesTotalPeOiChange;
  private final double maxPain;

  private PcrUpdate(Builder b) {
    this.symbol = b.symbol;
    this.expiry = b.expiry;
    this.pcr = b.pcr;
    this.totalCeOi = b.totalCeOi;
    this.totalPeOi = b.totalPeOi;
    this.strikeFrom = b.strikeFrom;
    this.strikeTo = b.strikeTo;
    this.exchangeTimeMs = b.exchangeTimeMs;
    this.atmStrike = b.atmStrike;
    this.volumePcr = b.volumePcr;
    this.totalCeVolume = b.totalCeVolume;
    this.totalPeVolume = b.totalPeVolume;
    this.oiChangePcr = b.oiChangePcr;
    this.oiChangePcrReason = b.oiChangePcrReason;
    this.totalCeOiChange = b.totalCeOiChange;
    this.totalPeOiChange = b.totalPeOiChange;
    this.allStrikesPcr = b.allStrikesPcr;
    this.allStrikesTotalCeOi = b.allStrikesTotalCeOi;
    this.allStrikesTotalPeOi = b.allStrikesTotalPeOi;
    this.allStrikesFrom = b.allStrikesFrom;
    this.allStrikesTo = b.allStrikesTo;
    this.allStrikesVolumePcr = b.allStrikesVolumePcr;
    this.allStrikesTotalCeVolume = b.allStrikesTotalCeVolume;
    this.allStrikesTotalPeVolume = b.allStrikesTotalPeVolume;
    this.allStrikesOiChangePcr = b.allStrikesOiChangePcr;
    this.allStrikesOiChangePcrReason = b.allStrikesOiChangePcrReason;
    this.allStrikesTotalCeOiChange = b.allStrikesTotalCeOiChange;
    this.allStrikesTotalPeOiChange = b.allStrikesTotalPeOiChange;
    this.maxPain = b.maxPain;
  }

  /** A builder with every string null, every double NaN (unknown) and every whole number 0. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this update's values, to build a copy with a few of them changed. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.symbol = symbol;
    b.expiry = expiry;
    b.pcr = pcr;
    b.totalCeOi = totalCeOi;
    b.totalPeOi = totalPeOi;
    b.strikeFrom = strikeFrom;
    b.strikeTo = strikeTo;
    b.exchangeTimeMs = exchangeTimeMs;
    b.atmStrike = atmStrike;
    b.volumePcr = volumePcr;
    b.totalCeVolume = totalCeVolume;
    b.totalPeVolume = totalPeVolume;
    b.oiChangePcr = oiChangePcr;
    b.oiChangePcrReason = oiChangePcrReason;
    b.totalCeOiChange = totalCeOiChange;
    b.totalPeOiChange = totalPeOiChange;
    b.allStrikesPcr = allStrikesPcr;
    b.allStrikesTotalCeOi = allStrikesTotalCeOi;
    b.allStrikesTotalPeOi = allStrikesTotalPeOi;
    b.allStrikesFrom = allStrikesFrom;
    b.allStrikesTo = allStrikesTo;
    b.allStrikesVolumePcr = allStrikesVolumePcr;
    b.allStrikesTotalCeVolume = allStrikesTotalCeVolume;
    b.allStrikesTotalPeVolume = allStrikesTotalPeVolume;
    b.allStrikesOiChangePcr = allStrikesOiChangePcr;
    b.allStrikesOiChangePcrReason = allStrikesOiChangePcrReason;
    b.allStrikesTotalCeOiChange = allStrikesTotalCeOiChange;
    b.allStrikesTotalPeOiChange = allStrikesTotalPeOiChange;
    b.maxPain = maxPain;
    return b;
  }

  /** Underlying's symbol. */
  public String symbol() {
    return symbol;
  }

  /** ISO date of expiry. */
  public String expiry() {
    return expiry;
  }

  /** {@code totalPeOi / totalCeOi} over the window; NaN while {@code totalCeOi} is 0. */
  public double pcr() {
    return pcr;
  }

  /** CE open interest over the window, contracts' quantity. */
  public double totalCeOi() {
    return totalCeOi;
  }

  /** PE open interest over the window, contracts' quantity. */
  public double totalPeOi() {
    return totalPeOi;
  }

  /** The window's lowest strike, index points; NaN until the feed has centred the expiry. */
  public double strikeFrom() {
    return strikeFrom;
  }

  /** The window's highest strike, index points; NaN until the feed has centred the expiry. */
  public double strikeTo() {
    return strikeTo;
  }

  /** The newest exchange time that went into the figures, epoch milliseconds. */
  public long exchangeTimeMs() {
    return exchangeTimeMs;
  }

  /** The feed's ATM strike the window is centred on, index points. */
  public double atmStrike() {
    return atmStrike;
  }

  /** {@code totalPeVolume / totalCeVolume} over the window; NaN while {@code totalCeVolume} is 0. */
  public double volumePcr() {
    return volumePcr;
  }

  /** CE quantity traded today over the window. */
  public long totalCeVolume() {
    return totalCeVolume;
  }

  /** PE quantity traded today over the window. */
  public long totalPeVolume() {
    return totalPeVolume;
  }

  /** {@code totalPeOiChange / totalCeOiChange} over the window; NaN when {@code oiChangePcrReason} is set. */
  public double oiChangePcr() {
    return oiChangePcr;
  }

  /** Why {@code oiChangePcr} is undefined; null when it is defined. */
  public String oiChangePcrReason() {
    return oiChangePcrReason;
  }

  /** Sum of CE (OI − previous session's OI) over the window, contracts' quantity; NaN when unknown. */
  public double totalCeOiChange() {
    return totalCeOiChange;
  }

  /** Sum of PE (OI − previous session's OI) over the window, contracts' quantity; NaN when unknown. */
  public double totalPeOiChange() {
    return totalPeOiChange;
  }

  /** As {@code pcr}, over all strikes. */
  public double allStrikesPcr() {
    return allStrikesPcr;
  }

  /** As {@code totalCeOi}, over all strikes. */
  public double allStrikesTotalCeOi() {
    return allStrikesTotalCeOi;
  }

  /** As {@code totalPeOi}, over all strikes. */
  public double allStrikesTotalPeOi() {
    return allStrikesTotalPeOi;
  }

  /** Lowest strike seen, index points. */
  public double allStrikesFrom() {
    return allStrikesFrom;
  }

  /** Highest strike seen, index points. */
  public double allStrikesTo() {
    return allStrikesTo;
  }

  /** As {@code volumePcr}, over all strikes. */
  public double allStrikesVolumePcr() {
    return allStrikesVolumePcr;
  }

  /** As {@code totalCeVolume}, over all strikes. */
  public long allStrikesTotalCeVolume() {
    return allStrikesTotalCeVolume;
  }

  /** As {@code totalPeVolume}, over all strikes. */
  public long allStrikesTotalPeVolume() {
    return allStrikesTotalPeVolume;
  }

  /** As {@code oiChangePcr}, over all strikes. */
  public double allStrikesOiChangePcr() {
    return allStrikesOiChangePcr;
  }

  /** As {@code oiChangePcrReason}, over all strikes. */
  public String allStrikesOiChangePcrReason() {
    return allStrikesOiChangePcrReason;
  }

  /** As {@code totalCeOiChange}, over all strikes. */
  public double allStrikesTotalCeOiChange() {
    return allStrikesTotalCeOiChange;
  }

  /** As {@code totalPeOiChange}, over all strikes. */
  public double allStrikesTotalPeOiChange() {
    return allStrikesTotalPeOiChange;
  }

  /** The max-pain strike over all strikes, index points; NaN while there is no open interest. */
  public double maxPain() {
    return maxPain;
  }

  /** The {@code data} object, as {@code docs/event-bus.md} lists it, with non-finite numbers as null. */
  public JsonObject toJson() {
    return DATA.toJson(this);
  }

  /** The public message: {@code {"type":"pcr_update","data":{...}}}. */
  public JsonObject toMessage() {
    return new JsonObject().put("type", TYPE).put("data", toJson());
  }

  /** Reads a {@code data} object; fields an older publisher did not send come back unknown. */
  public static PcrUpdate fromJson(JsonObject data) {
    Builder b = new Builder();
    DATA.readJson(data, b);
    return b.build();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof PcrUpdate u)) {
      return false;
    }
    return Objects.equals(symbol, u.symbol) && Objects.equals(expiry, u.expiry)
        && Double.compare(pcr, u.pcr) == 0 && Double.compare(totalCeOi, u.totalCeOi) == 0
        && Double.compare(totalPeOi, u.totalPeOi) == 0 && Double.compare(strikeFrom, u.strikeFrom) == 0
        && Double.compare(strikeTo, u.strikeTo) == 0 && exchangeTimeMs == u.exchangeTimeMs
        && Double.compare(atmStrike, u.atmStrike) == 0 && Double.compare(volumePcr, u.volumePcr) == 0
        && totalCeVolume == u.totalCeVolume && totalPeVolume == u.totalPeVolume
        && Double.compare(oiChangePcr, u.oiChangePcr) == 0
        && Objects.equals(oiChangePcrReason, u.oiChangePcrReason)
        && Double.compare(totalCeOiChange, u.totalCeOiChange) == 0
        && Double.compare(totalPeOiChange, u.totalPeOiChange) == 0
        && Double.compare(allStrikesPcr, u.allStrikesPcr) == 0
        && Double.compare(allStrikesTotalCeOi, u.allStrikesTotalCeOi) == 0
        && Double.compare(allStrikesTotalPeOi, u.allStrikesTotalPeOi) == 0
        && Double.compare(allStrikesFrom, u.allStrikesFrom) == 0
        && Double.compare(allStrikesTo, u.allStrikesTo) == 0
        && Double.compare(allStrikesVolumePcr, u.allStrikesVolumePcr) == 0
        && allStrikesTotalCeVolume == u.allStrikesTotalCeVolume
        && allStrikesTotalPeVolume == u.allStrikesTotalPeVolume
        && Double.compare(allStrikesOiChangePcr, u.allStrikesOiChangePcr) == 0
        && Objects.equals(allStrikesOiChangePcrReason, u.allStrikesOiChangePcrReason)
        && Double.compare(allStrikesTotalCeOiChange, u.allStrikesTotalCeOiChange) == 0
        && Double.compare(allStrikesTotalPeOiChange, u.allStrikesTotalPeOiChange) == 0
        && Double.compare(maxPain, u.maxPain) == 0;
  }

  @Override
  public int hashCode() {
    int h = 0;
    h = 31 * h + Objects.hashCode(symbol);
    h = 31 * h + Objects.hashCode(expiry);
    h = 31 * h + Double.hashCode(pcr);
    h = 31 * h + Double.hashCode(totalCeOi);
    h = 31 * h + Double.hashCode(totalPeOi);
    h = 31 * h + Double.hashCode(strikeFrom);
    h = 31 * h + Double.hashCode(strikeTo);
    h = 31 * h + Long.hashCode(exchangeTimeMs);
    h = 31 * h + Double.hashCode(atmStrike);
    h = 31 * h + Double.hashCode(volumePcr);
    h = 31 * h + Long.hashCode(totalCeVolume);
    h = 31 * h + Long.hashCode(totalPeVolume);
    h = 31 * h + Double.hashCode(oiChangePcr);
    h = 31 * h + Objects.hashCode(oiChangePcrReason);
    h = 31 * h + Double.hashCode(totalCeOiChange);
    h = 31 * h + Double.hashCode(totalPeOiChange);
    h = 31 * h + Double.hashCode(allStrikesPcr);
    h = 31 * h + Double.hashCode(allStrikesTotalCeOi);
    h = 31 * h + Double.hashCode(allStrikesTotalPeOi);
    h = 31 * h + Double.hashCode(allStrikesFrom);
    h = 31 * h + Double.hashCode(allStrikesTo);
    h = 31 * h + Double.hashCode(allStrikesVolumePcr);
    h = 31 * h + Long.hashCode(allStrikesTotalCeVolume);
    h = 31 * h + Long.hashCode(allStrikesTotalPeVolume);
    h = 31 * h + Double.hashCode(allStrikesOiChangePcr);
    h = 31 * h + Objects.hashCode(allStrikesOiChangePcrReason);
    h = 31 * h + Double.hashCode(allStrikesTotalCeOiChange);
    h = 31 * h + Double.hashCode(allStrikesTotalPeOiChange);
    h = 31 * h + Double.hashCode(maxPain);
    return h;
  }

  @Override
  public String toString() {
    return "PcrUpdate[symbol=" + symbol + ", expiry=" + expiry + ", pcr=" + pcr + ", totalCeOi=" + totalCeOi
        + ", totalPeOi=" + totalPeOi + ", strikeFrom=" + strikeFrom + ", strikeTo=" + strikeTo
        + ", exchangeTimeMs=" + exchangeTimeMs + ", atmStrike=" + atmStrike + ", volumePcr=" + volumePcr
        + ", totalCeVolume=" + totalCeVolume + ", totalPeVolume=" + totalPeVolume
        + ", oiChangePcr=" + oiChangePcr + ", oiChangePcrReason=" + oiChangePcrReason
        + ", totalCeOiChange=" + totalCeOiChange + ", totalPeOiChange=" + totalPeOiChange
        + ", allStrikesPcr=" + allStrikesPcr + ", allStrikesTotalCeOi=" + allStrikesTotalCeOi
        + ", allStrikesTotalPeOi=" + allStrikesTotalPeOi + ", allStrikesFrom=" + allStrikesFrom
        + ", allStrikesTo=" + allStrikesTo + ", allStrikesVolumePcr=" + allStrikesVolumePcr
        + ", allStrikesTotalCeVolume=" + allStrikesTotalCeVolume
        + ", allStrikesTotalPeVolume=" + allStrikesTotalPeVolume
        + ", allStrikesOiChangePcr=" + allStrikesOiChangePcr
        + ", allStrikesOiChangePcrReason=" + allStrikesOiChangePcrReason
        + ", allStrikesTotalCeOiChange=" + allStrikesTotalCeOiChange
        + ", allStrikesTotalPeOiChange=" + allStrikesTotalPeOiChange + ", maxPain=" + maxPain + "]";
  }

  /** The figures of an update, each set by name; unset ones stay unknown (NaN, 0 volumes, null reasons). */
  public static final class Builder {
    private String symbol = null;
    private String expiry = null;
    private double pcr = Double.NaN;
    private double totalCeOi = Double.NaN;
    private double totalPeOi = Double.NaN;
    private double strikeFrom = Double.NaN;
    private double strikeTo = Double.NaN;
    private long exchangeTimeMs = 0;
    private double atmStrike = Double.NaN;
    private double volumePcr = Double.NaN;
    private long totalCeVolume = 0;
    private long totalPeVolume = 0;
    private double oiChangePcr = Double.NaN;
    private String oiChangePcrReason = null;
    private double totalCeOiChange = Double.NaN;
    private double totalPeOiChange = Double.NaN;
    private double allStrikesPcr = Double.NaN;
    private double allStrikesTotalCeOi = Double.NaN;
    private double allStrikesTotalPeOi = Double.NaN;
    private double allStrikesFrom = Double.NaN;
    private double allStrikesTo = Double.NaN;
    private double allStrikesVolumePcr = Double.NaN;
    private long allStrikesTotalCeVolume = 0;
    private long allStrikesTotalPeVolume = 0;
    private double allStrikesOiChangePcr = Double.NaN;
    private String allStrikesOiChangePcrReason = null;
    private double allStrikesTotalCeOiChange = Double.NaN;
    private double allStrikesTotalPeOiChange = Double.NaN;
    private double maxPain = Double.NaN;

    private Builder() {
    }

    /** Underlying's symbol. */
    public Builder symbol(String symbol) {
      this.symbol = symbol;
      return this;
    }

    /** ISO date of expiry. */
    public Builder expiry(String expiry) {
      this.expiry = expiry;
      return this;
    }

    /** {@code totalPeOi / totalCeOi} over the window; NaN while {@code totalCeOi} is 0. */
    public Builder pcr(double pcr) {
      this.pcr = pcr;
      return this;
    }

    /** CE open interest over the window, contracts' quantity. */
    public Builder totalCeOi(double totalCeOi) {
      this.totalCeOi = totalCeOi;
      return this;
    }

    /** PE open interest over the window, contracts' quantity. */
    public Builder totalPeOi(double totalPeOi) {
      this.totalPeOi = totalPeOi;
      return this;
    }

    /** The window's lowest strike, index points; NaN until the feed has centred the expiry. */
    public Builder strikeFrom(double strikeFrom) {
      this.strikeFrom = strikeFrom;
      return this;
    }

    /** The window's highest strike, index points; NaN until the feed has centred the expiry. */
    public Builder strikeTo(double strikeTo) {
      this.strikeTo = strikeTo;
      return this;
    }

    /** The newest exchange time that went into the figures, epoch milliseconds. */
    public Builder exchangeTimeMs(long exchangeTimeMs) {
      this.exchangeTimeMs = exchangeTimeMs;
      return this;
    }

    /** The feed's ATM strike the window is centred on, index points. */
    public Builder atmStrike(double atmStrike) {
      this.atmStrike = atmStrike;
      return this;
    }

    /** {@code totalPeVolume / totalCeVolume} over the window; NaN while {@code totalCeVolume} is 0. */
    public Builder volumePcr(double volumePcr) {
      this.volumePcr = volumePcr;
      return this;
    }

    /** CE quantity traded today over the window. */
    public Builder totalCeVolume(long totalCeVolume) {
      this.totalCeVolume = totalCeVolume;
      return this;
    }

    /** PE quantity traded today over the window. */
    public Builder totalPeVolume(long totalPeVolume) {
      this.totalPeVolume = totalPeVolume;
      return this;
    }

    /** {@code totalPeOiChange / totalCeOiChange} over the window; NaN when {@code oiChangePcrReason} is set. */
    public Builder oiChangePcr(double oiChangePcr) {
      this.oiChangePcr = oiChangePcr;
      return this;
    }

    /** Why {@code oiChangePcr} is undefined; null when it is defined. */
    public Builder oiChangePcrReason(String oiChangePcrReason) {
      this.oiChangePcrReason = oiChangePcrReason;
      return this;
    }

    /** Sum of CE (OI − previous session's OI) over the window, contracts' quantity; NaN when unknown. */
    public Builder totalCeOiChange(double totalCeOiChange) {
      this.totalCeOiChange = totalCeOiChange;
      return this;
    }

    /** Sum of PE (OI − previous session's OI) over the window, contracts' quantity; NaN when unknown. */
    public Builder totalPeOiChange(double totalPeOiChange) {
      this.totalPeOiChange = totalPeOiChange;
      return this;
    }

    /** As {@code pcr}, over all strikes. */
    public Builder allStrikesPcr(double allStrikesPcr) {
      this.allStrikesPcr = allStrikesPcr;
      return this;
    }

    /** As {@code totalCeOi}, over all strikes. */
    public Builder allStrikesTotalCeOi(double allStrikesTotalCeOi) {
      this.allStrikesTotalCeOi = allStrikesTotalCeOi;
      return this;
    }

    /** As {@code totalPeOi}, over all strikes. */
    public Builder allStrikesTotalPeOi(double allStrikesTotalPeOi) {
      this.allStrikesTotalPeOi = allStrikesTotalPeOi;
      return this;
    }

    /** Lowest strike seen, index points. */
    public Builder allStrikesFrom(double allStrikesFrom) {
      this.allStrikesFrom = allStrikesFrom;
      return this;
    }

    /** Highest strike seen, index points. */
    public Builder allStrikesTo(double allStrikesTo) {
      this.allStrikesTo = allStrikesTo;
      return this;
    }

    /** As {@code volumePcr}, over all strikes. */
    public Builder allStrikesVolumePcr(double allStrikesVolumePcr) {
      this.allStrikesVolumePcr = allStrikesVolumePcr;
      return this;
    }

    /** As {@code totalCeVolume}, over all strikes. */
    public Builder allStrikesTotalCeVolume(long allStrikesTotalCeVolume) {
      this.allStrikesTotalCeVolume = allStrikesTotalCeVolume;
      return this;
    }

    /** As {@code totalPeVolume}, over all strikes. */
    public Builder allStrikesTotalPeVolume(long allStrikesTotalPeVolume) {
      this.allStrikesTotalPeVolume = allStrikesTotalPeVolume;
      return this;
    }

    /** As {@code oiChangePcr}, over all strikes. */
    public Builder allStrikesOiChangePcr(double allStrikesOiChangePcr) {
      this.allStrikesOiChangePcr = allStrikesOiChangePcr;
      return this;
    }

    /** As {@code oiChangePcrReason}, over all strikes. */
    public Builder allStrikesOiChangePcrReason(String allStrikesOiChangePcrReason) {
      this.allStrikesOiChangePcrReason = allStrikesOiChangePcrReason;
      return this;
    }

    /** As {@code totalCeOiChange}, over all strikes. */
    public Builder allStrikesTotalCeOiChange(double allStrikesTotalCeOiChange) {
      this.allStrikesTotalCeOiChange = allStrikesTotalCeOiChange;
      return this;
    }

    /** As {@code totalPeOiChange}, over all strikes. */
    public Builder allStrikesTotalPeOiChange(double allStrikesTotalPeOiChange) {
      this.allStrikesTotalPeOiChange = allStrikesTotalPeOiChange;
      return this;
    }

    /** The max-pain strike over all strikes, index points; NaN while there is no open interest. */
    public Builder maxPain(double maxPain) {
      this.maxPain = maxPain;
      return this;
    }

    public PcrUpdate build() {
      return new PcrUpdate(this);
    }
  }
}
