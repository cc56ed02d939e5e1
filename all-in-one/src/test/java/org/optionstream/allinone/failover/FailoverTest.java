package org.optionstream.allinone.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.core.spi.cluster.RegistrationInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.optionstream.allinone.support.Await;
import org.optionstream.allinone.support.Http;
import org.optionstream.allinone.support.PrometheusScrape;
import org.optionstream.allinone.support.StageProcess;
import org.optionstream.common.Addresses;
import org.optionstream.common.config.Env;
import org.optionstream.common.launch.ProcessServices;
import org.optionstream.common.testing.TestClusters;
import org.optionstream.simulator.SimulatorConfig;
import org.optionstream.simulator.UpstoxSimulator;

/**
 * Failures of real JVMs in a real Hazelcast cluster on loopback, while the simulator's ticks flow:
 * one feed (against an Upstox simulator in this JVM, so its counters outlive the feed), two greeks,
 * two pcr, one gateway, each its own process, and a browser stand-in on the gateway's /ws/greeks.
 * The scenarios run in order on one cluster (starting six JVMs per scenario would not fit the
 * machine): SIGTERM a greeks, SIGKILL a greeks, SIGKILL the pcr leader, restart the gateway with
 * the market frozen, then SIGTERM everything. Measured times are logged as "MEASURED ..." in the
 * test output.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailoverTest {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FailoverTest.class);

  /** SHUTDOWN_TIMEOUT_SECONDS of every process (Kubernetes: 25 with a 30 s grace period). */
  private static final int SHUTDOWN_SECONDS = 15;
  /** The longest the gateway's greeks stream may stay silent when a greeks JVM stops. */
  private static final long MAX_SILENCE_SIGTERM_MS = 5_000;
  /**
   * ... and when one is killed: cluster.xml drops a silent member after 5 s (max.no.heartbeat), and
   * the feed's round-robin alternates, so the live member keeps the stream going meanwhile.
   */
  private static final long MAX_SILENCE_SIGKILL_MS = 5_000;
  private static final long PCR_TAKEOVER_MS = 10_000;
  private static final Duration START = Duration.ofSeconds(180);

  record Member(String name, StageProcess process, int healthPort) {
    String url(String path) {
      return "http://127.0.0.1:" + healthPort + path;
    }
  }

  private final TestClusters cluster = new TestClusters();
  private final List<Member> members = new ArrayList<>();
  private Vertx simVertx;
  private UpstoxSimulator simulator;
  private ProcessServices observer;
  private int gatewayPort;
  private StreamRecorder stream;
  /** When the set of greeks instances last changed (System.nanoTime()). */
  private long greeksChangedAt;

  @BeforeAll
  void startTheSystem() throws Exception {
    simVertx = Vertx.vertx();
    simulator = new UpstoxSimulator(SimulatorConfig.from(new Env(Map.of("SIM_PORT", "0"))));
    simVertx.deployVerticle(simulator).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    observer = cluster.member().toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    gatewayPort = TestClusters.freePort();

    start("greeks-1", "org.optionstream.greeks.GreeksMain", Map.of());
    start("greeks-2", "org.optionstream.greeks.GreeksMain", Map.of());
    start("pcr-1", "org.optionstream.pcr.PcrMain", Map.of());
    start("pcr-2", "org.optionstream.pcr.PcrMain", Map.of());
    startGateway("gateway-1");
    start("feed", "org.optionstream.feed.FeedMain", Map.of(
        "FEED_SOURCE", "simulator",
        "UPSTOX_API_URL", simulator.baseUrl(),
        "UPSTOX_INSTRUMENTS_URL", simulator.instrumentsUrl()));
    for (Member m : members) {
      awaitReady(m);
    }
    stream = StreamRecorder.connect(gatewayPort);
    Await.until("greeks and pcr updates on /ws/greeks", START,
        () -> stream.count("greeks_update") > 100 && stream.count("pcr_update") > 0);
  }

  @AfterAll
  void stopEverything() throws Exception {
    if (stream != null) {
      stream.close();
    }
    members.forEach(m -> m.process().terminate());
    members.forEach(m -> m.process().close());
    if (observer != null) {
      observer.vertx().close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    if (simVertx != null) {
      simVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /**
   * Each process's /metrics carries Vert.x's and the JVM's meters and its stage's own (ticks in/out,
   * IV statuses, the greeks latency histogram, reconnects, clients, conflation, leader changes); the
   * meter names found are logged.
   */
  @Test
  @Order(0)
  void every_process_serves_prometheus_metrics_with_its_stage_meters() {
    Map<String, List<String>> expected = Map.of(
        "feed", List.of("optionstream_feed_ticks_total", "optionstream_feed_frames_total"),
        "greeks", List.of("optionstream_greeks_ticks_total", "optionstream_greeks_iv_status_total",
            "optionstream_greeks_latency_seconds_bucket"),
        "pcr", List.of("optionstream_pcr_ticks_total", "optionstream_pcr_leader_keys"),
        "gateway", List.of("optionstream_gateway_clients", "optionstream_gateway_updates_total"));
    for (Member m : members) {
      String stage = m.name().replaceAll("-\\d+$", "");
      String body = Http.get(m.url("/metrics")).orElseThrow().body();
      Set<String> names = new TreeSet<>();
      PrometheusScrape.names(body).stream().filter(n -> n.startsWith("optionstream_")).forEach(names::add);
      LOG.info("MEASURED {} exposes {}", m.name(), names);
      assertThat(body).as(m.name()).contains("jvm_memory_used_bytes", "vertx_http_server_");
      assertThat(names).as("%s's own meters", m.name()).containsAll(expected.get(stage));
    }
  }

  @Test
  @Order(1)
  void sigterm_of_a_greeks_jvm_never_silences_the_gateway_for_5_s() throws Exception {
    Member victim = member("greeks-1");
    String victimNode = nodeId(victim);
    long killedAt = System.nanoTime();
    victim.process().terminate();
    assertThat(victim.process().awaitExit(Duration.ofSeconds(SHUTDOWN_SECONDS + 10))).as("greeks-1 exit code").isZero();
    members.remove(victim);
    long droppedAt = awaitRoundRobinWithout(victimNode);
    LOG.info("MEASURED greeks SIGTERM: member out of the cluster and the round-robin after {} ms",
        TimeUnit.NANOSECONDS.toMillis(droppedAt - killedAt));
    long until = awaitQuietWindowEnd();
    LOG.info("MEASURED greeks SIGTERM: longest greeks_update silence {} ms",
        stream.longestSilenceMillis("greeks_update", killedAt, until));
    assertThat(stream.longestSilenceMillis("greeks_update", killedAt, until))
        .as("longest gap in greeks_update after SIGTERM of a greeks JVM (ms)").isLessThanOrEqualTo(MAX_SILENCE_SIGTERM_MS);
    awaitReady(start("greeks-3", "org.optionstream.greeks.GreeksMain", Map.of()));
    greeksChangedAt = System.nanoTime();
  }

  @Test
  @Order(2)
  void sigkill_of_a_greeks_jvm_is_absorbed_within_the_failure_detection_time() throws Exception {
    Member victim = member("greeks-2");
    String victimNode = nodeId(victim);
    long killedAt = System.nanoTime();
    victim.process().kill();
    victim.process().awaitExit(Duration.ofSeconds(10));
    members.remove(victim);
    Dropped dropped = awaitDropped(victimNode);
    LOG.info("MEASURED greeks SIGKILL: dead member out of the Hazelcast membership after {} ms, out of the "
        + "greeks.compute round-robin after {} ms", TimeUnit.NANOSECONDS.toMillis(dropped.leftMembershipAt() - killedAt),
        TimeUnit.NANOSECONDS.toMillis(dropped.leftRoundRobinAt() - killedAt));
    long until = awaitQuietWindowEnd();
    greeksChangedAt = until;
    LOG.info("MEASURED greeks SIGKILL: longest greeks_update silence {} ms, window {} ms",
        stream.longestSilenceMillis("greeks_update", killedAt, until), TimeUnit.NANOSECONDS.toMillis(until - killedAt));
    assertThat(stream.longestSilenceMillis("greeks_update", killedAt, until))
        .as("longest gap in greeks_update after SIGKILL of a greeks JVM (ms)").isLessThanOrEqualTo(MAX_SILENCE_SIGKILL_MS);
    assertThat(Http.get(member("greeks-3").url("/health/ready")).orElseThrow().statusCode()).isEqualTo(200);
  }

  @Test
  @Order(3)
  void killing_the_pcr_leader_lets_the_standby_publish_within_10_s() throws Exception {
    List<Member> pcr = members.stream().filter(m -> m.name().startsWith("pcr")).toList();
    assertThat(pcr).hasSize(2);
    // with five indices × three expiries the keys may be split between the two members: kill the one leading most
    Await.until("every pcr key led by exactly one member", Duration.ofSeconds(30), () -> {
      Set<String> one = ledKeys(pcr.get(0));
      Set<String> two = ledKeys(pcr.get(1));
      Set<String> led = new TreeSet<>(one);
      led.addAll(two);
      return !led.isEmpty() && one.stream().noneMatch(two::contains)
          && led.equals(knownKeys(pcr.get(0))) && led.equals(knownKeys(pcr.get(1)));
    });
    Member leader = ledKeys(pcr.get(0)).size() >= ledKeys(pcr.get(1)).size() ? pcr.get(0) : pcr.get(1);
    Member standby = leader == pcr.get(0) ? pcr.get(1) : pcr.get(0);
    Set<String> ledByLeader = ledKeys(leader);
    assertThat(leader).isNotNull();
    assertThat(standby).isNotNull();
    double publishedBefore = metric(standby, "optionstream_pcr_published_total");
    long killedAt = System.nanoTime();
    leader.process().kill();
    leader.process().awaitExit(Duration.ofSeconds(10));
    members.remove(leader);
    Member newLeader = standby;
    Await.until("the standby to publish", Duration.ofMillis(PCR_TAKEOVER_MS),
        () -> metric(newLeader, "optionstream_pcr_published_total") > publishedBefore);
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
    LOG.info("MEASURED pcr leader SIGKILL: standby published after {} ms", tookMs);
    assertThat(tookMs).as("standby published after (ms)").isLessThanOrEqualTo(PCR_TAKEOVER_MS);
    Await.until("the other member to lead every key the killed one led", Duration.ofSeconds(20),
        () -> ledKeys(newLeader).containsAll(ledByLeader));
    Await.until("pcr_update on /ws/greeks from the new leader", Duration.ofSeconds(10),
        () -> stream.times("pcr_update").stream().anyMatch(t -> t > killedAt));
    awaitReady(start("pcr-3", "org.optionstream.pcr.PcrMain", Map.of()));
  }

  @Test
  @Order(4)
  void a_restarted_gateway_refills_its_caches_from_the_snapshots() throws Exception {
    // Freeze the market: from now on only snapshots can fill a new gateway's caches.
    assertThat(Http.post(simulator.baseUrl() + "/sim/control/rate?ticksPerSecond=0").orElseThrow().statusCode())
        .isEqualTo(200);
    String api = "http://127.0.0.1:" + gatewayPort;
    // What the live greeks instances hold: every instrument updated since the last of them joined
    // (an instrument whose price has not moved since then was computed by a member that is gone).
    Set<String> keysBefore = stream.instrumentsUpdatedSince(greeksChangedAt);
    assertThat(keysBefore).isNotEmpty();
    assertThat(instrumentKeys(Http.get(api + "/api/greeks").orElseThrow().body())).containsAll(keysBefore);
    Set<String> pcrBefore = pcrKeys(Http.get(api + "/api/pcr").orElseThrow().body());
    assertThat(pcrBefore).isNotEmpty();

    stream.close();
    Member old = member("gateway-1");
    old.process().terminate();
    assertThat(old.process().awaitExit(Duration.ofSeconds(SHUTDOWN_SECONDS + 10))).as("gateway exit code").isZero();
    members.remove(old);
    long restartedAt = System.nanoTime();
    Member fresh = startGateway("gateway-2");
    awaitReady(fresh);
    LOG.info("MEASURED gateway restart: ready (caches warm from snapshots) {} ms after start, {} instruments",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartedAt), keysBefore.size());

    assertThat(instrumentKeys(Http.get(api + "/api/greeks").orElseThrow().body()))
        .as("instruments in the restarted gateway's cache").containsAll(keysBefore);
    assertThat(pcrKeys(Http.get(api + "/api/pcr").orElseThrow().body()))
        .as("underlying/expiry pairs in the restarted gateway's PCR cache").containsAll(pcrBefore);

    // A browser reconnecting to the same address gets the current state first.
    stream = StreamRecorder.connect(gatewayPort);
    Await.until("the snapshot on a reconnected /ws/greeks", Duration.ofSeconds(10),
        () -> stream.count("greeks_update") >= keysBefore.size() && stream.count("pcr_update") > 0);

    assertThat(Http.post(simulator.baseUrl() + "/sim/control/rate?ticksPerSecond=200").orElseThrow().statusCode())
        .isEqualTo(200);
    long resumedFrom = System.nanoTime();
    Await.until("live updates again", Duration.ofSeconds(30),
        () -> stream.times("greeks_update").stream().filter(t -> t > resumedFrom).count() > 10);
  }

  @Test
  @Order(5)
  void sigterm_to_every_process_exits_0_in_time_and_the_feed_unsubscribes_and_closes_cleanly() {
    JsonObject before = simulator.stats();
    assertThat(before.getInteger("openConnections")).isEqualTo(1);
    long terminatedAt = System.nanoTime();
    members.forEach(m -> m.process().terminate());
    Map<String, Integer> exits = new HashMap<>();
    for (Member m : members) {
      exits.put(m.name(), m.process().awaitExit(Duration.ofSeconds(SHUTDOWN_SECONDS + 10)));
    }
    LOG.info("MEASURED SIGTERM to all: every process exited within {} ms, exit codes {}",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - terminatedAt), exits);
    assertThat(exits).as("exit codes after SIGTERM").allSatisfy((name, code) -> assertThat(code).as(name).isZero());
    members.clear();
    JsonObject after = simulator.stats();
    assertThat(after.getLong("unsubscribes")).as("unsubscribes").isGreaterThan(before.getLong("unsubscribes"));
    assertThat(after.getLong("cleanCloses")).as("close frames with 1000").isGreaterThan(before.getLong("cleanCloses"));
    assertThat(after.getInteger("openConnections")).isZero();
  }

  // ------------------------------------------------------------------ helpers

  private Member start(String name, String mainClass, Map<String, String> extra) {
    int mgmtPort = TestClusters.freePort();
    Map<String, String> env = new HashMap<>(cluster.env());
    env.put("MGMT_PORT", Integer.toString(mgmtPort));
    env.put("MGMT_HOST", "127.0.0.1");
    env.put("SHUTDOWN_TIMEOUT_SECONDS", Integer.toString(SHUTDOWN_SECONDS));
    env.putAll(extra);
    Member m = new Member(name, StageProcess.start(name, mainClass, env), mgmtPort);
    members.add(m);
    return m;
  }

  private Member startGateway(String name) {
    Map<String, String> env = new HashMap<>(cluster.env());
    env.put("HTTP_PORT", Integer.toString(gatewayPort));
    env.put("HTTP_HOST", "127.0.0.1");
    env.put("MGMT_PORT", "-1");
    env.put("SHUTDOWN_TIMEOUT_SECONDS", Integer.toString(SHUTDOWN_SECONDS));
    Member m = new Member(name, StageProcess.start(name, "org.optionstream.gateway.GatewayMain", env), gatewayPort);
    members.add(m);
    return m;
  }

  private Member member(String name) {
    return members.stream().filter(m -> m.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no running member " + name));
  }

  private static void awaitReady(Member m) {
    try {
      Http.awaitBody(m.url("/health/ready"), body -> body.contains("UP"), START, Duration.ofMillis(250));
    } catch (AssertionError e) {
      throw new AssertionError(m.name() + " not ready; exited=" + !m.process().isAlive() + "; log tail:\n"
          + tail(m.process().output()), e);
    }
  }

  private static String tail(String output) {
    return output.length() > 4000 ? output.substring(output.length() - 4000) : output;
  }

  /**
   * The end of the observation window of a failure: once greeks.compute is registered on live
   * members only (called after {@link #awaitRoundRobinWithout(String)}), 20 more greeks updates
   * must arrive; returns the arrival time of the 20th.
   */
  private long awaitQuietWindowEnd() {
    long settled = System.nanoTime();
    Await.until("20 greeks updates after the cluster settled", Duration.ofSeconds(30),
        () -> stream.times("greeks_update").stream().filter(t -> t > settled).count() >= 20);
    return stream.times("greeks_update").stream().filter(t -> t > settled).skip(19).findFirst().orElseThrow();
  }

  /** Node ids with a greeks.compute registration, as the observer member sees them. */
  private List<String> registeredNodes() {
    ClusterManager clusterManager = observer.clusterManager();
    Promise<List<RegistrationInfo>> registrations = Promise.promise();
    clusterManager.getRegistrations(Addresses.GREEKS_COMPUTE, registrations);
    return registrations.future().toCompletionStage().toCompletableFuture().join().stream()
        .map(RegistrationInfo::nodeId).toList();
  }

  /** The Vert.x cluster node id of a process, from the "cluster" check of its /health/ready. */
  private static String nodeId(Member m) {
    JsonObject ready = new JsonObject(Http.get(m.url("/health/ready")).orElseThrow().body());
    for (Object check : ready.getJsonArray("checks", new JsonArray())) {
      JsonObject data = ((JsonObject) check).getJsonObject("data");
      if (data != null && data.getString("nodeId") != null) {
        return data.getString("nodeId");
      }
    }
    throw new AssertionError(m.name() + " reports no cluster node id: " + ready);
  }

  /** When (System.nanoTime()) a dead node left the membership and the greeks.compute round-robin. */
  record Dropped(long leftMembershipAt, long leftRoundRobinAt) {
  }

  /**
   * Waits until the cluster dropped {@code deadNode} and greeks.compute is registered by other members
   * only: nothing stays stuck in the round-robin on the dead node.
   */
  private Dropped awaitDropped(String deadNode) {
    ClusterManager clusterManager = observer.clusterManager();
    String[] last = {""};
    long[] leftMembershipAt = {0};
    try {
      Await.until("greeks.compute registered on live members only", Duration.ofSeconds(20), () -> {
        List<String> nodes = clusterManager.getNodes();
        if (leftMembershipAt[0] == 0 && !nodes.contains(deadNode)) {
          leftMembershipAt[0] = System.nanoTime();
        }
        List<String> registered = registeredNodes();
        last[0] = registered + " vs members " + nodes + ", dead " + deadNode;
        return !registered.isEmpty() && leftMembershipAt[0] != 0
            && registered.stream().allMatch(n -> nodes.contains(n) && !n.equals(deadNode));
      });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + ": " + last[0], e);
    }
    return new Dropped(leftMembershipAt[0], System.nanoTime());
  }

  private long awaitRoundRobinWithout(String deadNode) {
    return awaitDropped(deadNode).leftRoundRobinAt();
  }

  /** The keys a pcr member leads now, from its readiness check. */
  private static Set<String> ledKeys(Member m) {
    return roleKeys(m, "leader");
  }

  /** The keys a pcr member leads or stands by for. */
  private static Set<String> knownKeys(Member m) {
    Set<String> keys = roleKeys(m, "leader");
    keys.addAll(roleKeys(m, "standby"));
    return keys;
  }

  private static Set<String> roleKeys(Member m, String role) {
    String body = Http.get(m.url("/health/ready")).map(r -> r.body()).orElse("{}");
    Set<String> keys = new TreeSet<>();
    for (Object check : new JsonObject(body).getJsonArray("checks", new JsonArray())) {
      JsonObject data = ((JsonObject) check).getJsonObject("data");
      if (data != null && data.containsKey("leader")) {
        data.getJsonArray(role, new JsonArray()).forEach(k -> keys.add(k.toString()));
      }
    }
    return keys;
  }

  private static double metric(Member m, String name) {
    return PrometheusScrape.sum(m.url("/metrics"), name);
  }

  private static Set<String> instrumentKeys(String apiGreeksBody) {
    Set<String> keys = new TreeSet<>();
    Object parsed = apiGreeksBody.trim().startsWith("[") ? new JsonArray(apiGreeksBody) : new JsonObject(apiGreeksBody);
    collectKeys(parsed, keys);
    return keys;
  }

  /** "symbol expiry" of every pcr_update in an /api/pcr answer. */
  private static Set<String> pcrKeys(String apiPcrBody) {
    Set<String> keys = new TreeSet<>();
    collectPcr(apiPcrBody.trim().startsWith("[") ? new JsonArray(apiPcrBody) : new JsonObject(apiPcrBody), keys);
    return keys;
  }

  private static void collectPcr(Object node, Set<String> into) {
    if (node instanceof JsonObject o) {
      if (o.containsKey("pcr") && o.containsKey("symbol")) {
        into.add(o.getString("symbol") + " " + o.getString("expiry"));
      }
      o.forEach(e -> collectPcr(e.getValue(), into));
    } else if (node instanceof JsonArray a) {
      a.forEach(v -> collectPcr(v, into));
    }
  }

  private static void collectKeys(Object node, Set<String> into) {
    if (node instanceof JsonObject o) {
      if (o.containsKey("instrumentKey")) {
        into.add(o.getString("instrumentKey"));
      }
      o.forEach(e -> collectKeys(e.getValue(), into));
    } else if (node instanceof JsonArray a) {
      a.forEach(v -> collectKeys(v, into));
    }
  }
}
