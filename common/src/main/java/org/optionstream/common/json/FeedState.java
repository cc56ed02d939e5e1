package org.optionstream.common.json;

/**
 * The feed's connection state, as published on {@code feed.status}. {@code STALE}: the socket is
 * open and subscribed, the market is open, yet no tick has arrived for the feed's stale threshold.
 */
public enum FeedState {
  CONNECTING, LIVE, RECONNECTING, POLLING, STOPPED, STALE
}
