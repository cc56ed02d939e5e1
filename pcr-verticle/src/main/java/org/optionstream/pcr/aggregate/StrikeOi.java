package org.optionstream.pcr.aggregate;

/**
 * Open interest at one strike: one row of the per-strike OI table. OI and its change in contracts'
 * quantity, volume in traded quantity today; a side that is not tracked has {@code hasCe}/{@code hasPe}
 * false and NaN figures; a change is NaN while the previous session's OI is unknown.
 *
 * @param strike index points
 */
public record StrikeOi(
    double strike,
    boolean hasCe,
    double ceOi,
    double ceOiChange,
    long ceVolume,
    boolean hasPe,
    double peOi,
    double peOiChange,
    long peVolume) {
}
