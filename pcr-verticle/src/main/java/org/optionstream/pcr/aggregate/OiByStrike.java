package org.optionstream.pcr.aggregate;

import java.util.List;

/**
 * The per-strike open-interest table of one expiry, ascending by strike, with the ATM and max-pain
 * strikes (index points, NaN while unknown).
 */
public record OiByStrike(ExpiryKey key, double atmStrike, double maxPain, List<StrikeOi> strikes) {
}
