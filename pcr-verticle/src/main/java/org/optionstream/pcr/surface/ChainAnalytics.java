package org.optionstream.pcr.surface;

import org.optionstream.common.json.GreeksUpdate;

/**
 * The chain-level figures of one underlying and expiry at one moment, each an exact function of the
 * {@code greeks_update}s in the {@link ChainBook} (definitions in the classes that compute them and in the
 * README). The chain's index price S, forward F, T and rate are those of its newest update.
 *
 * @param book       the chain
 * @param newest     its newest update (index price, forward, T, rate)
 * @param atmIv      ATM IV at the forward ({@link AtmVolatility}), fraction; NaN when undefined
 * @param iv25Call   IV of the 25-delta call ({@link DeltaWing}), fraction; NaN when undefined
 * @param iv25Put    IV of the −25-delta put, fraction; NaN when undefined
 * @param straddle   the ATM straddle ({@link Straddle}), or null
 * @param totalGex   Σ GEX, rupees per 1 % move of the index (the book's running total)
 * @param flip       zero-gamma level ({@link ZeroGamma}), index points; NaN when none in the grid
 */
public record ChainAnalytics(ChainBook book, GreeksUpdate newest, double atmIv, double iv25Call, double iv25Put,
                             Straddle straddle, double totalGex, double flip) {

  /** 25-delta risk reversal σ(25Δ call) − σ(25Δ put), fraction. */
  public double riskReversal25() {
    return iv25Call - iv25Put;
  }

  /** 25-delta butterfly (σ(25Δ call) + σ(25Δ put))/2 − σ_ATM, fraction. */
  public double butterfly25() {
    return 0.5 * (iv25Call + iv25Put) - atmIv;
  }

  /**
   * The figures of {@code book} now (null while it holds no update).
   *
   * @param flipRange half-width of the flip grid, fraction of the index price
   * @param flipSteps intervals of the flip grid
   */
  public static ChainAnalytics of(ChainBook book, double flipRange, int flipSteps) {
    GreeksUpdate newest = book.newest();
    if (newest == null) {
      return null;
    }
    double forward = newest.forward();
    var strikes = book.strikes();
    return new ChainAnalytics(book, newest, AtmVolatility.at(strikes, forward), DeltaWing.iv(strikes, true, 0.25),
        DeltaWing.iv(strikes, false, -0.25), Straddle.nearest(strikes, forward), book.totalGex(),
        ZeroGamma.flip(book, newest.underlyingPrice(), flipRange, flipSteps));
  }
}
