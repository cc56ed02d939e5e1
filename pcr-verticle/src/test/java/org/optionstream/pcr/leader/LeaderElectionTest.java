package org.optionstream.pcr.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optionstream.pcr.Eventually.await;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optionstream.pcr.Eventually;
import org.optionstream.common.cluster.ClusterMembership;
import org.optionstream.pcr.aggregate.ExpiryKey;

/** Per-key leadership on one (local) Vertx: keys are independent, release hands over, close stops. */
class LeaderElectionTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final ExpiryKey NIFTY = new ExpiryKey("NIFTY", 20419);
  private static final ExpiryKey BANKNIFTY = new ExpiryKey("BANKNIFTY", 20419);

  private Vertx vertx;
  private ClusterMembership membership;
  /** The one event loop every election of a test runs on, as in a verticle. */
  private Context loop;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    membership = ClusterMembership.standalone();
    loop = vertx.getOrCreateContext();
  }

  @AfterEach
  void close() throws Exception {
    await(vertx.close(), WAIT);
  }

  private LeaderElection election(List<ExpiryKey> won) {
    return new LeaderElection(vertx, "test.leader/", 200, 50, won::add, membership);
  }

  @Test
  void differentKeysMayBeLedByDifferentInstancesAndAReleasedKeyIsTakenOver() throws Exception {
    List<ExpiryKey> aWon = new CopyOnWriteArrayList<>();
    List<ExpiryKey> bWon = new CopyOnWriteArrayList<>();
    LeaderElection a = election(aWon);
    LeaderElection b = election(bWon);

    loop.runOnContext(v -> a.contend(NIFTY));
    await(Eventually.until(vertx, () -> aWon.contains(NIFTY), WAIT, "a leads NIFTY"), WAIT);
    loop.runOnContext(v -> {
      b.contend(BANKNIFTY);
      b.contend(NIFTY);
      b.contend(NIFTY); // idempotent
    });
    await(Eventually.until(vertx, () -> bWon.contains(BANKNIFTY), WAIT, "b leads BANKNIFTY"), WAIT);
    await(Eventually.after(vertx, Duration.ofMillis(600)), WAIT);
    assertThat(bWon).containsExactly(BANKNIFTY);
    assertThat(b.standingBy()).containsExactly(NIFTY);
    assertThat(a.leading()).containsExactly(NIFTY);

    loop.runOnContext(v -> a.close());
    await(Eventually.until(vertx, () -> bWon.contains(NIFTY), WAIT, "b takes over NIFTY"), WAIT);
    assertThat(b.leading()).containsExactlyInAnyOrder(NIFTY, BANKNIFTY);
    assertThat(a.leading()).isEmpty();
    assertThat(aWon).containsExactly(NIFTY);
  }

  @Test
  void aClosedElectionNeitherContendsNorLeads() throws Exception {
    List<ExpiryKey> won = new CopyOnWriteArrayList<>();
    LeaderElection closed = election(won);
    loop.runOnContext(v -> {
      closed.close();
      closed.contend(NIFTY);
    });
    List<ExpiryKey> otherWon = new CopyOnWriteArrayList<>();
    LeaderElection other = election(otherWon);
    loop.runOnContext(v -> other.contend(NIFTY));
    await(Eventually.until(vertx, () -> otherWon.contains(NIFTY), WAIT, "the open one leads"), WAIT);
    assertThat(won).isEmpty();
    assertThat(closed.isClosed()).isTrue();
  }
}
