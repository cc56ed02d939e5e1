package org.optionstream.common.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicBoolean;
import org.optionstream.common.metrics.StageMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this process's consumers registered in the cluster: every {@value #PERIOD_MS} ms it checks
 * the cluster's registry for each of this node's consumers and adds back the missing ones
 * ({@link RegistrationCachingClusterManager#restoreOwnRegistrations()}), and {@value #AFTER_MERGE_MS}
 * ms after Hazelcast reports that a split healed ({@code MERGED} or {@code MERGE_FAILED}), and again
 * {@value #AFTER_MERGING_MS} ms after the merge began, it registers all of them again. A
 * stage whose consumers the cluster forgot would otherwise stay deaf until restarted. Each repair is
 * logged and counted in {@code optionstream.cluster.registrations.restored}.
 */
public final class RegistrationRepair {

  private static final Logger LOG = LoggerFactory.getLogger(RegistrationRepair.class);

  /** How often the registry is checked, ms. */
  public static final long PERIOD_MS = 5_000;
  /**
   * The pause between Hazelcast's MERGED and registering again, ms: Hazelcast merges the maps'
   * entries of the two sides right after it reports MERGED.
   */
  static final long AFTER_MERGE_MS = 500;
  /**
   * The pause between Hazelcast's MERGING and registering again whatever happened meanwhile, ms: a little after
   * {@link MergeProgress#REJOINED_GRACE_MS}, since the member has rejoined by then.
   */
  static final long AFTER_MERGING_MS = 7_000;


  private final RegistrationCachingClusterManager manager;
  private final Counter restored;
  private final AtomicBoolean running = new AtomicBoolean();

  private RegistrationRepair(RegistrationCachingClusterManager manager) {
    this.manager = manager;
    this.restored = Counter.builder("optionstream.cluster.registrations.restored")
        .description("consumer registrations of this process that the cluster had lost and were added back")
        .register(StageMetrics.registry());
  }

  public static void start(Vertx vertx, RegistrationCachingClusterManager manager, HazelcastInstance hazelcast) {
    RegistrationRepair repair = new RegistrationRepair(manager);
    vertx.setPeriodic(PERIOD_MS, id -> repair.check("periodic check"));
    hazelcast.getLifecycleService().addLifecycleListener(event -> {
      switch (event.getState()) {
        case MERGED, MERGE_FAILED -> vertx.setTimer(AFTER_MERGE_MS, id -> repair.republish());
        // a merge whose data part hangs may never report its end (MergeProgress)
        case MERGING -> vertx.setTimer(AFTER_MERGING_MS, id -> repair.republish());
        default -> {
        }
      }
    });
  }

  /**
   * After a merge: puts every own registration back without asking first (the registry's lookups
   * have been seen to hang for a minute right after a merge, its writes not).
   */
  private void republish() {
    manager.republishOwnRegistrations()
        .onSuccess(count -> {
          restored.increment(count);
          LOG.warn("cluster split healed: registered this process's {} consumer(s) again", count);
        })
        .onFailure(e -> LOG.warn("cluster split healed: re-registering consumers failed ({}); the periodic "
            + "check tries again", e.toString()));
  }

  private void check(String why) {
    if (!manager.isActive() || !running.compareAndSet(false, true)) {
      return;
    }
    manager.restoreOwnRegistrations()
        .onSuccess(count -> {
          if (count > 0) {
            restored.increment(count);
            LOG.warn("{}: the cluster had lost {} of this process's consumer registration(s); added them back",
                why, count);
          }
        })
        .onFailure(e -> LOG.debug("{}: registrations not checked ({})", why, e.toString()))
        .onComplete(done -> running.set(false));
  }
}
