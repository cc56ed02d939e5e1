package org.optionstream.allinone.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.optionstream.allinone.support.Await;
import org.optionstream.allinone.support.Http;
import org.optionstream.allinone.support.PrometheusScrape;
import org.optionstream.allinone.support.StageProcess;
import org.optionstream.allinone.support.VirtualNetwork;
import org.optionstream.allinone.support.VirtualNetwork.Host;
import org.optionstream.simulator.UpstoxSimulator;

/**
 * The cluster across separate hosts (Linux network namespaces on a bridge, {@link VirtualNetwork}):
 * feed, two greeks, two pcr and the gateway, each a JVM on its own host and address, joined by
 * TCP-IP as pods are, with {@code HZ_QUORUM=4}. The test JVM is the browser. Scenarios, in order
 * on one cluster: 1 % packet loss on every host for 20 s, the pcr leader cut off for 30 s, a greeks JVM frozen (SIGSTOP) for 20 s while the
 * stream flows, the gateway cut off for 30 s. A member cut off must report not ready within
 * {@code NOTICE}; after each heal the cluster must be whole and working again within
 * {@value #RECOVERY_MS} ms. Each scenario starts on a settled cluster (every member ready and seeing
 * all six), so one failure's merge never overlaps the next one's. Measured times are logged as "MEASURED ...".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PartitionTest {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PartitionTest.class);

  private static final int QUORUM = 4;
  private static final Duration SPLIT = Duration.ofSeconds(30);
  private static final Duration HANG = Duration.ofSeconds(20);
  private static final Duration LOSSY = Duration.ofSeconds(20);
  /** How long before and after the loss the instruments on the stream are sampled. */
  private static final Duration SAMPLE = Duration.ofSeconds(5);
  private static final int LOSS_PERCENT = 1;
  /**
   * From the heal (or SIGCONT) until every stage works again, ms: Hazelcast looks for the other side
   * every 5 s (cluster.xml), merges in about 1 s, and the stages then repair themselves.
   */
  private static final long RECOVERY_MS = 15_000;
  /**
   * How long a member cut off may take to report not ready: its heartbeats from the others stop
   * and it is out of quorum once the newest is 4 s old (ClusterMembership), read every 0.5 s;
   * Hazelcast re-evaluates the protection every second.
   */
  private static final Duration NOTICE = Duration.ofSeconds(10);
  /** How long a recovery is waited for, so that a slow one is measured before it fails the test. */
  private static final Duration RECOVERY_WAIT = Duration.ofSeconds(60);
  /**
   * How long a scenario waits for the cluster the one before left to be whole again. A frozen member's return
   * has been measured at up to a minute: the merge of two sides that both rejoin at once waits for Hazelcast
   * operations that are retried until they time out.
   */
  private static final Duration SETTLE_WAIT = Duration.ofSeconds(150);
  /** Longest silence of the gateway's greeks stream while one greeks JVM is frozen, ms. */
  private static final long MAX_SILENCE_MS = 5_000;
  private static final int SIM_PORT = 18_600;
  private static final int MGMT_PORT = 9_100;
  private static final int GATEWAY_PORT = 8_080;
  private static final Duration START = Duration.ofSeconds(180);

  record Member(String name, Host host, StageProcess process, String baseUrl) {
    String url(String path) {
      return baseUrl + path;
    }
  }

  private VirtualNetwork network;
  private final List<StageProcess> processes = new ArrayList<>();
  private final Map<String, Member> members = new HashMap<>();
  private StreamRecorder stream;

  @BeforeAll
  void startTheClusterOnSixHosts() throws Exception {
    network = VirtualNetwork.create(6);
    Map<String, String> common = new HashMap<>();
    common.put("CLUSTERED", "true");
    common.put("HZ_CLUSTER_NAME", "netns-" + UUID.randomUUID());
    common.put("HZ_PORT", "5701");
    // One member per host on a known port, as pods: a split-brain search then asks six addresses,
    // not six times the 30 ports a member on a shared loopback address might use.
    common.put("HZ_MEMBERS", network.addresses(5701));
    common.put("HZ_QUORUM", Integer.toString(QUORUM));
    common.put("SHUTDOWN_TIMEOUT_SECONDS", "15");

    Host feedHost = network.host(0);
    processes.add(StageProcess.start("simulator", network.exec(feedHost), "org.optionstream.simulator.UpstoxSimulatorMain",
        Map.of("SIM_PORT", Integer.toString(SIM_PORT))));
    String simulator = "http://127.0.0.1:" + SIM_PORT;
    start("feed", feedHost, "org.optionstream.feed.FeedMain", common, Map.of(
        "FEED_SOURCE", "simulator",
        "UPSTOX_API_URL", simulator,
        "UPSTOX_INSTRUMENTS_URL", simulator + UpstoxSimulator.INSTRUMENTS_PATH));
    start("greeks-1", network.host(1), "org.optionstream.greeks.GreeksMain", common, Map.of());
    start("greeks-2", network.host(2), "org.optionstream.greeks.GreeksMain", common, Map.of());
    start("pcr-1", network.host(3), "org.optionstream.pcr.PcrMain", common, Map.of());
    start("pcr-2", network.host(4), "org.optionstream.pcr.PcrMain", common, Map.of());
    start("gateway", network.host(5), "org.optionstream.gateway.GatewayMain", common, Map.of(
        "HTTP_PORT", Integer.toString(GATEWAY_PORT), "HTTP_HOST", network.host(5).address(), "MGMT_PORT", "-1"));
    for (Member m : members.values()) {
      awaitReady(m, START);
    }
    stream = StreamRecorder.connect(network.host(5).address(), GATEWAY_PORT);
    Await.until("greeks and pcr updates on /ws/greeks", START,
        () -> stream.count("greeks_update") > 100 && stream.count("pcr_update") > 0);
  }

  @AfterAll
  void stopEverything() {
    if (stream != null) {
      stream.close();
    }
    processes.forEach(StageProcess::terminate);
    processes.forEach(StageProcess::close);
    if (network != null) {
      network.close();
    }
  }

  /**
   * Every scenario begins on a whole cluster: a member that resumed or healed in the scenario before
   * may still be merging back, and a second failure during a merge is a different scenario.
   */
  @BeforeEach
  void theClusterIsSettled() {
    long from = System.nanoTime();
    Await.until("every member ready and seeing all " + members.size() + " members", SETTLE_WAIT,
        () -> members.values().stream().allMatch(m -> readyAndSeesAll(m, members.size())));
    LOG.info("MEASURED cluster settled before the scenario after {} ms", millisSince(from));
  }

  @Test
  @Order(0)
  void one_percent_packet_loss_between_all_hosts_for_20_s_keeps_every_instrument_and_the_pcr_flowing() {
    long lossFrom = System.nanoTime();
    Set<String> before = stream.instrumentsUpdatedBetween(lossFrom - SAMPLE.toNanos(), lossFrom);
    network.loss(LOSS_PERCENT);
    try {
      keepUntil(lossFrom, LOSSY);
    } finally {
      network.loss(0);
    }
    long lossTo = System.nanoTime();
    keepUntil(lossTo, SAMPLE);
    // the instruments subscribed throughout: updated just before the loss and just after it (a window that
    // re-centred meanwhile dropped some strikes and added others)
    Set<String> instruments = new java.util.TreeSet<>(before);
    instruments.retainAll(stream.instrumentsUpdatedBetween(lossTo, lossTo + SAMPLE.toNanos()));
    assertThat(instruments.size()).as("instruments subscribed throughout, of %s updated before", before.size())
        .isGreaterThanOrEqualTo(before.size() * 3 / 4);
    long silence = stream.longestSilenceMillis("greeks_update", lossFrom, lossTo);
    long pcrSilence = stream.longestSilenceMillis("pcr_update", lossFrom, lossTo);
    Set<String> updated = stream.instrumentsUpdatedBetween(lossFrom, lossTo);
    LOG.info("MEASURED {} % loss for {} s: {} of {} instruments updated, longest greeks_update silence {} ms, "
        + "pcr_update {} ms", LOSS_PERCENT, LOSSY.toSeconds(), updated.size(), instruments.size(), silence, pcrSilence);
    assertThat(updated).as("instruments updated at the gateway under loss").containsAll(instruments);
    assertThat(silence).as("longest greeks_update silence under loss (ms)").isLessThanOrEqualTo(MAX_SILENCE_MS);
    assertThat(pcrSilence).as("longest pcr_update silence under loss (ms)").isLessThanOrEqualTo(MAX_SILENCE_MS);
    for (Member m : members.values()) {
      assertThat(ready(m)).as(m.name() + " ready after the loss").isTrue();
    }
  }

  @Test
  @Order(1)
  void a_pcr_leader_cut_off_for_30_s_steps_down_and_after_the_heal_one_leader_per_key_remains() {
    Member leader = pcrLeader();
    Member standby = members.get(leader.name().equals("pcr-1") ? "pcr-2" : "pcr-1");
    Set<String> ledByLeader = ledKeys(leader);
    double publishedBefore = metric(standby, "optionstream_pcr_published_total");

    long cutAt = System.nanoTime();
    network.cut(leader.host());
    Await.until("the other pcr member to lead every key the cut-off one led, and publish", Duration.ofSeconds(20),
        () -> ledKeys(standby).containsAll(ledByLeader)
            && metric(standby, "optionstream_pcr_published_total") > publishedBefore);
    LOG.info("MEASURED pcr leader cut off: the other member led its keys and published after {} ms", millisSince(cutAt));
    Await.until("the cut-off leader to report not ready", NOTICE,
        () -> network.statusFromInside(leader.host(), leader.url("/health/ready")) == 503);
    LOG.info("MEASURED pcr leader cut off: it reported not ready after {} ms", millisSince(cutAt));
    keepUntil(cutAt, SPLIT);

    network.restore(leader.host());
    long healedAt = System.nanoTime();
    Await.until("both pcr members ready, every key led by exactly one", RECOVERY_WAIT,
        () -> ready(leader) && ready(standby) && exactlyOneLeaderPerKey(leader, standby));
    long recovered = millisSince(healedAt);
    LOG.info("MEASURED pcr partition healed: one leader per key and both ready after {} ms", recovered);
    assertThat(recovered).as("recovery after the heal (ms)").isLessThanOrEqualTo(RECOVERY_MS);

    long watchFrom = System.nanoTime();
    while (System.nanoTime() - watchFrom < TimeUnit.SECONDS.toNanos(20)) {
      assertThat(leadersPerKey(leader, standby)).as("pcr leaders per key after the heal")
          .allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
    }
    Await.until("pcr_update on /ws/greeks after the heal", Duration.ofSeconds(10),
        () -> stream.times("pcr_update").stream().anyMatch(t -> t > healedAt));
  }

  @Test
  @Order(2)
  void a_greeks_jvm_frozen_for_20_s_never_silences_the_gateway() {
    Member frozen = members.get("greeks-1");
    long stoppedAt = System.nanoTime();
    frozen.process().suspend();
    keepUntil(stoppedAt, HANG);
    frozen.process().resume();
    long silence = stream.longestSilenceMillis("greeks_update", stoppedAt, System.nanoTime());
    LOG.info("MEASURED greeks SIGSTOP 20 s: longest greeks_update silence at the gateway {} ms", silence);
    assertThat(silence).as("longest greeks_update silence while a greeks JVM is frozen (ms)")
        .isLessThanOrEqualTo(MAX_SILENCE_MS);
  }

  @Test
  @Order(3)
  void the_gateway_cut_off_for_30_s_reports_not_ready_and_streams_again_after_the_heal() throws Exception {
    Member gateway = members.get("gateway");
    long cutAt = System.nanoTime();
    network.cut(gateway.host());
    try {
      Await.until("the cut-off gateway to report not ready", NOTICE,
          () -> network.statusFromInside(gateway.host(), gateway.url("/health/ready")) == 503);
      LOG.info("MEASURED gateway cut off: it reported not ready after {} ms", millisSince(cutAt));
      keepUntil(cutAt, SPLIT);
    } finally {
      network.restore(gateway.host());
    }
    long healedAt = System.nanoTime();
    // A browser reconnects: its old connection sat through the cut in TCP's retransmission back-off.
    stream.close();
    stream = StreamRecorder.connect(gateway.host().address(), GATEWAY_PORT);
    StreamRecorder browser = stream;
    Await.until("live greeks and pcr updates on a new /ws/greeks, gateway ready", RECOVERY_WAIT,
        () -> ready(gateway) && browser.times("greeks_update").stream().anyMatch(t -> t > healedAt)
            && browser.times("pcr_update").stream().filter(t -> t > healedAt).count() >= 2);
    long recovered = millisSince(healedAt);
    LOG.info("MEASURED gateway partition healed: streaming and ready after {} ms", recovered);
    assertThat(recovered).as("recovery after the heal (ms)").isLessThanOrEqualTo(RECOVERY_MS);
  }

  // ------------------------------------------------------------------ helpers

  private void start(String name, Host host, String mainClass, Map<String, String> common, Map<String, String> own) {
    Map<String, String> env = new HashMap<>(common);
    env.put("HZ_INTERFACE", host.address());
    env.put("EVENTBUS_HOST", host.address());
    env.put("EVENTBUS_PUBLIC_HOST", host.address());
    env.put("MGMT_HOST", host.address());
    env.put("MGMT_PORT", Integer.toString(MGMT_PORT));
    env.putAll(own);
    StageProcess process = StageProcess.start(name, network.exec(host), mainClass, env);
    processes.add(process);
    int port = "-1".equals(env.get("MGMT_PORT")) ? GATEWAY_PORT : MGMT_PORT;
    members.put(name, new Member(name, host, process, "http://" + host.address() + ":" + port));
  }

  private static void awaitReady(Member m, Duration timeout) {
    try {
      Http.awaitBody(m.url("/health/ready"), body -> body.contains("UP"), timeout, Duration.ofMillis(250));
    } catch (AssertionError e) {
      String log = m.process().output();
      throw new AssertionError(m.name() + " not ready; exited=" + !m.process().isAlive() + "; log tail:\n"
          + log.substring(Math.max(0, log.length() - 4000)), e);
    }
  }

  private static boolean ready(Member m) {
    return Http.get(m.url("/health/ready")).map(r -> r.statusCode() == 200).orElse(false);
  }

  /** Ready, and its cluster readiness check counts {@code all} members. */
  private static boolean readyAndSeesAll(Member m, int all) {
    return Http.get(m.url("/health/ready")).filter(r -> r.statusCode() == 200)
        .map(r -> new JsonObject(r.body()).getJsonArray("checks", new JsonArray()).stream()
            .map(check -> ((JsonObject) check).getJsonObject("data"))
            .anyMatch(data -> data != null && data.getInteger("members", 0) == all))
        .orElse(false);
  }

  /**
   * The pcr member leading the most keys, once every key has exactly one leader (with five indices × three
   * expiries the keys may be split between the two members).
   */
  private Member pcrLeader() {
    Member one = members.get("pcr-1");
    Member two = members.get("pcr-2");
    Await.until("every pcr key led by exactly one member", Duration.ofSeconds(30), () -> exactlyOneLeaderPerKey(one, two));
    return ledKeys(one).size() >= ledKeys(two).size() ? one : two;
  }

  /** The keys a pcr member leads now. */
  private static Set<String> ledKeys(Member m) {
    Set<String> keys = new HashSet<>();
    pcrCheck(m).getJsonArray("leader", new JsonArray()).forEach(k -> keys.add(k.toString()));
    return keys;
  }

  private static boolean exactlyOneLeaderPerKey(Member a, Member b) {
    Map<String, Integer> perKey = leadersPerKey(a, b);
    return !perKey.isEmpty() && perKey.values().stream().allMatch(count -> count == 1)
        && perKey.keySet().equals(keysKnown(a)) && perKey.keySet().equals(keysKnown(b));
  }

  /** underlying+expiry -> how many of the pcr members say they lead it. */
  private static Map<String, Integer> leadersPerKey(Member... pcr) {
    Map<String, Integer> perKey = new HashMap<>();
    for (Member m : pcr) {
      for (Object key : pcrCheck(m).getJsonArray("leader", new JsonArray())) {
        perKey.merge(key.toString(), 1, Integer::sum);
      }
    }
    return perKey;
  }

  /** Every key a pcr member leads or stands by for. */
  private static Set<String> keysKnown(Member m) {
    Set<String> keys = ledKeys(m);
    pcrCheck(m).getJsonArray("standby", new JsonArray()).forEach(k -> keys.add(k.toString()));
    return keys;
  }

  /** The data of the pcr readiness check (its leader and standby keys). */
  private static JsonObject pcrCheck(Member m) {
    String body = Http.get(m.url("/health/ready")).map(r -> r.body()).orElse("{}");
    for (Object check : new JsonObject(body).getJsonArray("checks", new JsonArray())) {
      JsonObject data = ((JsonObject) check).getJsonObject("data");
      if (data != null && data.containsKey("leader")) {
        return data;
      }
    }
    return new JsonObject();
  }

  private static double metric(Member m, String name) {
    return PrometheusScrape.sum(m.url("/metrics"), name);
  }

  /** Lets a failure last until {@code duration} after {@code since}: the scenario's input, not a wait for a result. */
  private static void keepUntil(long since, Duration duration) {
    long end = since + duration.toNanos();
    for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
  }

  private static long millisSince(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
  }
}
