package org.optionstream.alerts.rule;

import io.vertx.core.json.JsonObject;

/**
 * What a rule watches: one option (by {@code instrumentKey}, or by {@code symbol}, {@code expiry},
 * {@code strike}, {@code type}, where {@code expiry} may be {@code nearest} and {@code strike} {@code atm},
 * both followed as the feed re-centres), one chain ({@code symbol}, {@code expiry}) or one index
 * ({@code symbol}).
 *
 * @param kind          which of the three
 * @param instrumentKey the option's instrument key when given by key, else null
 * @param symbol        the underlying (null for an option given by key)
 * @param expiry        ISO date or {@link #NEAREST} (null for an index or an option given by key)
 * @param strike        strike, index points; NaN with {@code atm}
 * @param atm           the strike nearest the money, following re-centring
 * @param type          {@code CE} or {@code PE} for an option given by contract, else null
 */
public record Subject(SourceKind kind, String instrumentKey, String symbol, String expiry, double strike, boolean atm,
    String type) {

  public static final String NEAREST = "nearest";
  public static final String ATM = "atm";

  /** Whether the instrument (or chain) it names can change while the rule lives. */
  public boolean follows() {
    return NEAREST.equals(expiry) || atm;
  }

  /** Puts this subject's fields into a rule document. */
  void writeTo(JsonObject rule) {
    if (instrumentKey != null) {
      rule.put("instrumentKey", instrumentKey);
    }
    if (symbol != null) {
      rule.put("symbol", symbol);
    }
    if (expiry != null) {
      rule.put("expiry", expiry);
    }
    if (atm) {
      rule.put("strike", ATM);
    } else if (!Double.isNaN(strike)) {
      rule.put("strike", strike);
    }
    if (type != null) {
      rule.put("type", type);
    }
  }
}
