package org.optionstream.pcr.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optionstream.pcr.Eventually.await;
import static org.optionstream.pcr.Eventually.until;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.optionstream.common.cluster.ClusterMembership;
import org.optionstream.common.config.ClusterSettings;
import org.optionstream.common.config.Env;
import org.optionstream.common.launch.ProcessServices;
import org.optionstream.common.launch.VertxFactory;
import org.optionstream.common.management.ManagementServer;
import org.optionstream.common.testing.TestClusters;
import org.optionstream.pcr.aggregate.ExpiryKey;

/**
 * With {@code HZ_QUORUM=2}, a leader left alone (the other member gone, as when the network cuts it
 * off) gives up its key at once and reports not ready, and leads again once a second member joins.
 */
class LeaderQuorumTest {

  private static final Duration JOIN = Duration.ofSeconds(60);
  private static final Duration REACT = Duration.ofSeconds(20);
  private static final ExpiryKey NIFTY = new ExpiryKey("NIFTY", 20_816);

  private final TestClusters cluster = new TestClusters();
  private final ClusterSettings settings = ClusterSettings.from(new Env(cluster.env()).with(Map.of("HZ_QUORUM", "2")));
  private final List<Vertx> members = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (Vertx v : members) {
      await(v.close(), JOIN);
    }
  }

  @Test
  void aLeaderAloneStepsDownReportsNotReadyAndLeadsAgainWhenTheQuorumIsBack() throws Exception {
    ProcessServices lonelyProcess = member();
    Vertx lonely = lonelyProcess.vertx();
    ClusterMembership membership = lonelyProcess.membership();
    Vertx other = member().vertx();
    List<ExpiryKey> won = new CopyOnWriteArrayList<>();
    LeaderElection election = new LeaderElection(lonely, "quorum.leader/", 500, 100, won::add, membership);
    await(until(lonely, membership::inQuorum, JOIN, "two members in quorum"), JOIN);
    lonely.runOnContext(v -> election.contend(NIFTY));
    await(until(lonely, () -> election.isLeader(NIFTY), REACT, "the leader of " + NIFTY), REACT);
    int port = await(ManagementServer.start(lonely, lonelyProcess.health(), lonelyProcess.lifecycle(), "127.0.0.1", 0),
        JOIN).actualPort();
    assertThat(readyStatus(lonely, port)).isEqualTo(200);

    members.remove(other);
    await(other.close(), JOIN);

    await(until(lonely, () -> !election.isLeader(NIFTY) && election.stepDowns() == 1, REACT,
        "the lone leader to step down"), REACT);
    assertThat(membership.reason()).contains("fewer than HZ_QUORUM=2");
    assertThat(readyStatus(lonely, port)).as("readiness of a member below the quorum").isEqualTo(503);

    member();
    await(until(lonely, () -> election.isLeader(NIFTY), JOIN, "the lead again with two members"), JOIN);
    assertThat(won).containsExactly(NIFTY, NIFTY);
    assertThat(readyStatus(lonely, port)).isEqualTo(200);
  }

  private ProcessServices member() throws Exception {
    ProcessServices process = await(VertxFactory.create(settings), JOIN);
    members.add(process.vertx());
    return process;
  }

  private static int readyStatus(Vertx vertx, int port) throws Exception {
    var client = vertx.createHttpClient();
    try {
      HttpClientResponse response = await(client.request(HttpMethod.GET, port, "127.0.0.1", "/health/ready")
          .compose(request -> request.send()), JOIN);
      return response.statusCode();
    } finally {
      client.close();
    }
  }
}
