package org.optionstream.common.cluster;

/**
 * Whether anybody in the cluster consumes an address, as this process's registration cache knows it
 * ({@link RegistrationCachingClusterManager}). A stage that publishes a per-tick message for optional
 * consumers ({@code market.ticks}, {@code greeks.update}) asks {@link #mayBeConsumed} first: publishing to an
 * address nobody consumes is not free on the clustered bus, where Vert.x's node selector builds, for every
 * such message, a queue of about 4 KB that it drops at once (at 20,000 ticks a second, half of what the feed
 * allocated and a large part of the greeks stage's garbage).
 *
 * <p>One per process, made where its Vertx is made ({@link #clustered} for a clustered one) and handed to
 * what publishes; for a local (unclustered) process ({@link #local()}) every address may be consumed, since
 * its bus looks its handlers up for free.
 */
public final class ConsumerPresence {

  private static final ConsumerPresence LOCAL = new ConsumerPresence(null);

  private final RegistrationCachingClusterManager registrations;

  private ConsumerPresence(RegistrationCachingClusterManager registrations) {
    this.registrations = registrations;
  }

  /** The presence a clustered process's {@code registrations} know. */
  public static ConsumerPresence clustered(RegistrationCachingClusterManager registrations) {
    return new ConsumerPresence(registrations);
  }

  /** The presence of a local (unclustered) process: every address may be consumed. */
  public static ConsumerPresence local() {
    return LOCAL;
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
