package org.optionstream.feed.plan;

/**
 * The subscribed strike window of one underlying and expiry.
 *
 * @param symbol         underlying symbol
 * @param expiryEpochDay expiry date as an epoch day
 * @param atmStrike      listed strike nearest the expiry's carry forward when last centred
 *                       ({@link SubscriptionPlanner}), index points (NaN before the index is known)
 * @param lowStrike      lowest subscribed strike, index points
 * @param highStrike     highest subscribed strike, index points
 * @param strikeStep     distance between listed strikes, index points
 * @param lotSize        contracts' quantity per lot
 */
public record ExpiryWindow(String symbol, int expiryEpochDay, double atmStrike, double lowStrike, double highStrike,
                           double strikeStep, int lotSize) {

  public boolean centred() {
    return !Double.isNaN(atmStrike);
  }
}
