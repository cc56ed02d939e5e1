package org.optionstream.feed;

import io.vertx.core.Future;
import org.optionstream.feed.plan.SubscriptionPlan;

/**
 * Where the feed's frames come from: Upstox's sockets ({@link ConnectionStateMachine}) or a recorded journal
 * ({@link ReplayConnection}). Either hands every frame to the same {@link FrameHandler}. Event-loop confined.
 */
interface MarketConnection {

  /** Starts delivering frames. */
  void connect();

  /** The planner's new plan (a socket changes its subscriptions; a replay has nothing to change). */
  void apply(SubscriptionPlan plan);

  /** Stops delivering frames. */
  Future<Void> stop();

  /** Instrument keys frames are expected for (0 while none flow). */
  int subscribedKeys();

  /** Open sockets. */
  int connections();

  /** True while frames flow. */
  boolean live();

  /** The token file was read again ({@code changed}: it holds a new token). */
  void tokenRead(boolean changed);
}
