package org.optionstream.common.json;

/** The feed's connection state, as published on {@code feed.status}. */
public enum FeedState {
  CONNECTING, LIVE, RECONNECTING, POLLING, STOPPED
}
