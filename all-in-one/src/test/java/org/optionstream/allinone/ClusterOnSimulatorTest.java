package org.optionstream.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.optionstream.allinone.support.Http;
import org.optionstream.allinone.support.StageGroup;
import org.optionstream.common.testing.TestClusters;

/**
 * What {@code ./run.sh --cluster} promises: feed (on its built-in simulator), greeks, pcr and the
 * gateway as four JVMs, four Hazelcast members, serve live and changing Greeks and PCR at the
 * gateway's REST API within 30 s of the members being up.
 */
class ClusterOnSimulatorTest {

  @RegisterExtension
  final StageGroup stages = new StageGroup();

  @Test
  void fourJvmsServeLiveChangingGreeksAndPcr() {
    TestClusters cluster = new TestClusters();
    int httpPort = TestClusters.freePort();
    stages.start("greeks", "org.optionstream.greeks.GreeksMain", ClusterPipelineTest.stageEnv(cluster, Map.of()));
    stages.start("pcr", "org.optionstream.pcr.PcrMain", ClusterPipelineTest.stageEnv(cluster, Map.of()));
    stages.start("gateway", "org.optionstream.gateway.GatewayMain",
        ClusterPipelineTest.stageEnv(cluster, Map.of("HTTP_PORT", Integer.toString(httpPort))));
    stages.start("feed", "org.optionstream.feed.FeedMain", ClusterPipelineTest.stageEnv(cluster, Map.of()));

    String base = "http://127.0.0.1:" + httpPort;
    String first = Http.awaitBody(base + "/api/greeks", body -> stagesRunning() && countSolvedIvs(body) >= 10,
        Duration.ofSeconds(120), Duration.ofMillis(500));
    Http.awaitBody(base + "/api/greeks", body -> stagesRunning() && !body.equals(first) && countSolvedIvs(body) >= 10,
        Duration.ofSeconds(30), Duration.ofMillis(500));
    String pcr = Http.awaitBody(base + "/api/pcr", body -> body.contains("\"pcr\":") && body.contains("NIFTY"),
        Duration.ofSeconds(30), Duration.ofMillis(500));
    assertThat(pcr).contains("totalCeOi").contains("strikeFrom");
    stages.assertAllRunning();
  }

  private boolean stagesRunning() {
    stages.assertAllRunning();
    return true;
  }

  /** Number of greeks_update entries in an /api/greeks answer whose IV is solved. */
  static int countSolvedIvs(String body) {
    int count = 0;
    int from = 0;
    while ((from = body.indexOf("\"ivStatus\":\"OK\"", from)) >= 0) {
      count++;
      from++;
    }
    return count;
  }
}
