package org.optionstream.common.testing;

import com.hazelcast.core.HazelcastInstance;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.optionstream.common.cluster.RegistrationCachingClusterManager;
import io.vertx.core.Future;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.optionstream.common.config.ClusterSettings;
import org.optionstream.common.config.Env;
import org.optionstream.common.launch.ProcessServices;
import org.optionstream.common.launch.VertxFactory;

/**
 * A private Hazelcast cluster per test: a random cluster name and a random base port, so test runs
 * in parallel on one machine never join each other. Every Vertx made from one instance joins the
 * same cluster through the real {@code cluster.xml} and codecs.
 */
public final class TestClusters {

  private final String name = "t-" + UUID.randomUUID();
  private final int basePort = freeBasePort();

  /** The environment variables a process (or in-JVM Vertx) needs to join this cluster. */
  public Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("CLUSTERED", "true");
    env.put("HZ_CLUSTER_NAME", name);
    env.put("HZ_PORT", Integer.toString(basePort));
    env.put("HZ_MEMBERS", "127.0.0.1");
    return env;
  }

  public ClusterSettings settings() {
    return ClusterSettings.from(new Env(env()));
  }

  /** A new clustered Vertx, member of this cluster, with the project's codecs registered, and its services. */
  public Future<ProcessServices> member() {
    return VertxFactory.create(settings());
  }

  public String name() {
    return name;
  }

  /** The cluster manager of a member made by {@link #member()} (or by {@code VertxFactory}). */
  public static RegistrationCachingClusterManager clusterManager(ProcessServices member) {
    return (RegistrationCachingClusterManager) member.clusterManager();
  }

  /** Ports {@link #freePort()} chooses from: below the kernel's ephemeral range and the test clusters' 20000-32000. */
  private static final int FIXED_PORTS_FROM = 10_000;
  private static final int FIXED_PORTS_TO = 20_000;

  /** The Hazelcast instance under a member made by {@link #member()} (or by {@code VertxFactory}). */
  public static HazelcastInstance hazelcast(ProcessServices member) {
    return ((HazelcastClusterManager) clusterManager(member).delegate()).getHazelcastInstance();
  }

  /**
   * A free loopback TCP port for a process the test starts, below Linux's ephemeral range (32768 and up). A port
   * the kernel handed out for {@code bind(0)} and got back could be handed out again to any process that binds
   * port 0 or connects before the test's process binds it; seen: a gateway child failing with "Address already
   * in use" while the greeks and pcr children started beside it.
   */
  public static int freePort() {
    for (int attempt = 0; attempt < 200; attempt++) {
      int candidate = FIXED_PORTS_FROM + ThreadLocalRandom.current().nextInt(FIXED_PORTS_TO - FIXED_PORTS_FROM);
      if (allFree(candidate, 1)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no free port between " + FIXED_PORTS_FROM + " and " + FIXED_PORTS_TO);
  }

  private static int freeBasePort() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int candidate = 20000 + ThreadLocalRandom.current().nextInt(240) * 50;
      if (allFree(candidate, 10)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no free port range for a test cluster");
  }

  private static boolean allFree(int from, int count) {
    for (int port = from; port < from + count; port++) {
      try (ServerSocket socket = new ServerSocket(port)) {
        socket.setReuseAddress(true);
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }
}
