package org.optionstream.feed.instruments;

/**
 * One listed option from the master file: what the feed precomputes once per instrument.
 *
 * @param instrumentKey  e.g. {@code NSE_FO|43885} (exchange tokens are reused after expiry: the key is the identity)
 * @param symbol         underlying symbol, e.g. {@code NIFTY}
 * @param call           true for CE, false for PE
 * @param strike         index points
 * @param expiryEpochDay expiry date (IST calendar day) as days since 1970-01-01
 * @param lotSize        contracts' quantity per lot
 * @param tickSize       price tick, rupees
 * @param tradingSymbol  e.g. {@code NIFTY 23700 CE 25 NOV 25}
 */
public record OptionContract(
    String instrumentKey,
    String symbol,
    boolean call,
    double strike,
    int expiryEpochDay,
    int lotSize,
    double tickSize,
    String tradingSymbol) {
}
