package org.optionstream.upstox;

/**
 * The paths of Upstox's endpoints that the feed calls and the simulator serves, relative to the API
 * base ({@code https://api.upstox.com} or the simulator's address).
 */
public final class UpstoxPaths {

  /** V3 market-data feed authorize: answers the single-use WebSocket URI (bearer token). */
  public static final String AUTHORIZE = "/v3/feed/market-data-feed/authorize";
  /** V3 market-data feed WebSocket (opened through the URI {@link #AUTHORIZE} answers). */
  public static final String FEED = "/v3/feed/market-data-feed";
  /** V2 option chain of one underlying and expiry. */
  public static final String OPTION_CHAIN = "/v2/option/chain";
  /** V2 option contracts of one underlying (and expiry). */
  public static final String OPTION_CONTRACT = "/v2/option/contract";
  /** V3 last traded prices of up to 500 instrument keys. */
  public static final String LTP = "/v3/market-quote/ltp";

  private UpstoxPaths() {
  }
}
