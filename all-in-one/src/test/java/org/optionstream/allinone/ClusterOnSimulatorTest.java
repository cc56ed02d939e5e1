package org.optionstream.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.optionstream.allinone.support.Http;
import org.optionstream.allinone.support.StageGroup;
import org.optionstream.common.testing.TestClusters;
import org.optionstream.simulator.UpstoxSimulator;

/**
 * What {@code ./run.sh --cluster} promises: the Upstox simulator in its own JVM, and feed (on that
 * simulator), greeks, pcr and the gateway as four JVMs, four Hazelcast members, serve live and changing
 * Greeks and PCR at the gateway's REST API within 30 s of the members being up, and say the data is simulated.
 */
class ClusterOnSimulatorTest {

  @RegisterExtension
  final StageGroup stages = new StageGroup();

  @Test
  void fourJvmsServeLiveChangingGreeksAndPcr() {
    TestClusters cluster = new TestClusters();
    int httpPort = TestClusters.freePort();
    String simulator = "http://127.0.0.1:" + TestClusters.freePort();
    stages.start("upstox-simulator", "org.optionstream.simulator.UpstoxSimulatorMain",
        Map.of("SIM_PORT", simulator.substring(simulator.lastIndexOf(':') + 1)));
    stages.start("greeks", "org.optionstream.greeks.GreeksMain", ClusterPipelineTest.stageEnv(cluster, Map.of()));
    stages.start("pcr", "org.optionstream.pcr.PcrMain", ClusterPipelineTest.stageEnv(cluster, Map.of()));
    stages.start("gateway", "org.optionstream.gateway.GatewayMain",
        ClusterPipelineTest.stageEnv(cluster, Map.of("HTTP_PORT", Integer.toString(httpPort))));
    Http.awaitBody(simulator + "/sim/control/stats", body -> stagesRunning() && body.contains("connections"),
        Duration.ofSeconds(60), Duration.ofMillis(200));
    stages.start("feed", "org.optionstream.feed.FeedMain", ClusterPipelineTest.stageEnv(cluster, Map.of(
        "FEED_SOURCE", "simulator", "UPSTOX_API_URL", simulator,
        "UPSTOX_INSTRUMENTS_URL", simulator + UpstoxSimulator.INSTRUMENTS_PATH)));

    String base = "http://127.0.0.1:" + httpPort;
    String first = Http.awaitBody(base + "/api/greeks", body -> stagesRunning() && countSolvedIvs(body) >= 10,
        Duration.ofSeconds(120), Duration.ofMillis(500));
    Http.awaitBody(base + "/api/greeks", body -> stagesRunning() && !body.equals(first) && countSolvedIvs(body) >= 10,
        Duration.ofSeconds(30), Duration.ofMillis(500));
    String pcr = Http.awaitBody(base + "/api/pcr", body -> body.contains("\"pcr\":") && body.contains("NIFTY"),
        Duration.ofSeconds(30), Duration.ofMillis(500));
    assertThat(pcr).contains("totalCeOi").contains("strikeFrom");
    Http.awaitBody(base + "/api/status", body -> body.contains("\"source\":\"simulator\""),
        Duration.ofSeconds(30), Duration.ofMillis(500));
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
