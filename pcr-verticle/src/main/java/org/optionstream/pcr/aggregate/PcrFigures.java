package org.optionstream.pcr.aggregate;

/**
 * Every published figure of one expiry at one moment, except the time: two figures that are equal
 * mean nothing a reader sees has changed (NaN equals NaN here, as records compare doubles).
 *
 * @param atmStrike      the feed's ATM strike for the expiry (index points); NaN until known
 * @param strikeFrom     the window's lowest strike (index points); NaN until the feed sent one
 * @param strikeTo       the window's highest strike
 * @param window         totals and ratios over the window's strikes
 * @param allStrikesFrom the lowest tracked strike
 * @param allStrikesTo   the highest tracked strike
 * @param allStrikes     totals and ratios over every tracked strike
 * @param maxPain        the max-pain strike over every tracked strike ({@link MaxPain}); NaN while
 *                       there is no open interest
 */
public record PcrFigures(
    ExpiryKey key,
    double atmStrike,
    double strikeFrom,
    double strikeTo,
    PcrTotals window,
    double allStrikesFrom,
    double allStrikesTo,
    PcrTotals allStrikes,
    double maxPain) {
}
