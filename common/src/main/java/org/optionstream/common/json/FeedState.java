package org.optionstream.common.json;

/**
 * The feed's connection state, as published on {@code feed.status}. {@code STALE}: the socket is
 * open and subscribed, the market is open, yet no tick has arrived for the feed's stale threshold.
 * {@code AUTH_REJECTED}: Upstox refused the access token (HTTP 401/403); nothing flows until a new
 * token is given (not a network fault: the feed does not hammer, and the status carries Upstox's error).
 * {@code REPLAY}: the feed plays a recorded journal ({@code FEED_SOURCE=replay}); the status's {@code replay}
 * says which and how far it got.
 */
public enum FeedState {
  CONNECTING, LIVE, RECONNECTING, POLLING, STOPPED, STALE, AUTH_REJECTED, REPLAY
}
