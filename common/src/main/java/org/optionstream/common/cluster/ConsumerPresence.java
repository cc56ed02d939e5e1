package org.optionstream.common.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;

/**
 * Whether anybody in the cluster consumes an address, as this process's registration cache knows it
 * ({@link RegistrationCachingClusterManager}). A stage that publishes a per-tick message for optional
 * consumers ({@code market.ticks}, {@code greeks.update}) asks {@link #mayBeConsumed} first: publishing to an
 * address nobody consumes is not free on the clustered bus, where Vert.x's node selector builds, for every
 * such message, a queue of about 4 KB that it drops at once (at 20,000 ticks a second, half of what the feed
 * allocated and a large part of the greeks stage's garbage).
 *
 * <p>One per Vertx, found with {@link #of(Vertx)} (Vert.x local shared data); for a local (unclustered)
 * Vertx every address may be consumed, since its bus looks its handlers up for free.
 */
public final class ConsumerPresence implements Shareable {

  private static final String MAP = "optionstream.cluster";
  private static final String KEY = "consumer-presence";
  private static final ConsumerPresence LOCAL = new ConsumerPresence(null);

  private final RegistrationCachingClusterManager registrations;

  private ConsumerPresence(RegistrationCachingClusterManager registrations) {
    this.registrations = registrations;
  }

  /** Makes {@code registrations} the answer for {@code vertx}. */
  public static void install(Vertx vertx, RegistrationCachingClusterManager registrations) {
    LocalMap<String, ConsumerPresence> map = vertx.sharedData().getLocalMap(MAP);
    map.put(KEY, new ConsumerPresence(registrations));
  }

  /** The presence installed for {@code vertx}, or one that says yes to every address for a local Vertx. */
  public static ConsumerPresence of(Vertx vertx) {
    LocalMap<String, ConsumerPresence> map = vertx.sharedData().getLocalMap(MAP);
    ConsumerPresence presence = map.get(KEY);
    return presence != null ? presence : LOCAL;
  }

  /**
   * False only when the cluster's registrations of {@code address} are known and empty. Until the first
   * message to an address has asked the cluster, and after a split heals, the answer is true, so that message
   * goes out and the answer becomes known; a consumer that registers anywhere makes it true again as soon as
   * its registration reaches this process.
   */
  public boolean mayBeConsumed(String address) {
    return registrations == null || !registrations.knownUnconsumed(address);
  }
}
