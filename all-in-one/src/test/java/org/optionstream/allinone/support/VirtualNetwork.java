package org.optionstream.allinone.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Separate "hosts" on one machine: each host is a Linux network namespace with its own interface
 * {@code eth0} and address {@code 10.<a>.<b>.<n>/24}, wired by a veth pair to a bridge in this
 * process's namespace (the bridge holds {@code .1}, so the test JVM reaches every host as a browser
 * or a load balancer would). A process started with {@link #exec(Host)} in front of its command
 * line runs on that host: its loopback is its own, and it reaches the others only over the bridge.
 *
 * <p>{@link #cut(Host)} partitions a host away, {@link #restore(Host)} heals it; {@link #loss(int)}
 * drops a share of the packets every host receives (nftables: {@code tc netem}, which could also
 * add latency, is not in the kernels of these machines).
 *
 * <p>Needs root, iproute2 ({@code ip}) and, for loss, nftables ({@code nft}); a command that fails
 * fails the call with a message saying which. {@link #close()} deletes every namespace and link it made, and a
 * shutdown hook does the same if the JVM exits first.
 */
public final class VirtualNetwork implements AutoCloseable {

  /** A namespace on the virtual network. */
  public record Host(int index, String namespace, String address, String hostSideLink, String bridgeSideLink) {
  }

  private static final String LOSS_TABLE = "optionstream_loss";

  private final String id;
  private final String subnet;
  private final String bridge;
  private final List<Host> hosts = new ArrayList<>();
  private final Thread cleanup = new Thread(this::deleteAll, "virtual-network-cleanup");
  private boolean closed;

  private VirtualNetwork(String id, String subnet) {
    this.id = id;
    this.subnet = subnet;
    this.bridge = "osb" + id;
  }

  /** Creates a bridge and {@code count} hosts on it, addresses {@code .2} upwards. */
  public static VirtualNetwork create(int count) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String id = Integer.toHexString(0x1000 + random.nextInt(0xefff));
    String subnet = "10." + (100 + random.nextInt(100)) + "." + random.nextInt(250);
    VirtualNetwork network = new VirtualNetwork(id, subnet);
    Runtime.getRuntime().addShutdownHook(network.cleanup);
    try {
      network.run("ip", "link", "add", network.bridge, "type", "bridge");
      network.run("ip", "addr", "add", subnet + ".1/24", "dev", network.bridge);
      network.run("ip", "link", "set", network.bridge, "up");
      for (int i = 0; i < count; i++) {
        network.addHost(i);
      }
      return network;
    } catch (RuntimeException e) {
      network.close();
      throw e;
    }
  }

  private void addHost(int index) {
    Host host = new Host(index, "os" + id + "h" + index, subnet + "." + (index + 2), "osv" + id + "a" + index,
        "osv" + id + "b" + index);
    run("ip", "netns", "add", host.namespace());
    hosts.add(host);
    run("ip", "link", "add", host.hostSideLink(), "type", "veth", "peer", "name", host.bridgeSideLink());
    run("ip", "link", "set", host.bridgeSideLink(), "master", bridge);
    run("ip", "link", "set", host.bridgeSideLink(), "up");
    run("ip", "link", "set", host.hostSideLink(), "netns", host.namespace());
    inHost(host, "ip", "link", "set", host.hostSideLink(), "name", "eth0");
    inHost(host, "ip", "addr", "add", host.address() + "/24", "dev", "eth0");
    inHost(host, "ip", "link", "set", "eth0", "up");
    inHost(host, "ip", "link", "set", "lo", "up");
  }

  public Host host(int index) {
    return hosts.get(index);
  }

  /** Every host's address with {@code port}, comma separated (a TCP-IP member list). */
  public String addresses(int port) {
    return hosts.stream().map(host -> host.address() + ":" + port).collect(Collectors.joining(","));
  }

  /** The command prefix that runs a process on {@code host}. */
  public List<String> exec(Host host) {
    return List.of("ip", "netns", "exec", host.namespace());
  }

  /**
   * The HTTP status of a GET of {@code url} made from inside {@code host} (with curl), so a test can
   * ask a host it has cut off; -1 when there was no answer.
   */
  public int statusFromInside(Host host, String url) {
    try {
      Process curl = new ProcessBuilder("ip", "netns", "exec", host.namespace(), "curl", "-s", "-m", "3", "-o",
          "/dev/null", "-w", "%{http_code}", url).redirectErrorStream(true).start();
      if (!curl.waitFor(10, TimeUnit.SECONDS)) {
        curl.destroyForcibly();
        return -1;
      }
      String code = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return code.matches("[1-5][0-9][0-9]") ? Integer.parseInt(code) : -1;
    } catch (IOException e) {
      throw new IllegalStateException("curl inside " + host.namespace() + " failed (is curl installed?)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /**
   * Cuts {@code host} off until {@link #restore(Host)}: the bridge side of its link goes down, so
   * nothing it sends arrives and nothing reaches it, and neither side is told (its processes keep
   * running and keep their sockets, as behind a failed switch port).
   */
  public void cut(Host host) {
    run("ip", "link", "set", host.bridgeSideLink(), "down");
  }

  /** Reconnects a host {@link #cut(Host)} off. */
  public void restore(Host host) {
    run("ip", "link", "set", host.bridgeSideLink(), "up");
  }

  /**
   * From now on every host drops {@code percent} % of the packets it receives, chosen at random
   * (so a path between two hosts loses about that share each way); 0 ends the loss.
   */
  public void loss(int percent) {
    for (Host host : hosts) {
      runQuietlyIn(host, "nft", "delete", "table", "inet", LOSS_TABLE);
      if (percent > 0) {
        inHost(host, "nft", "add", "table", "inet", LOSS_TABLE);
        inHost(host, "nft", "add", "chain", "inet", LOSS_TABLE, "input",
            "{ type filter hook input priority 0; policy accept; }");
        inHost(host, "nft", "add", "rule", "inet", LOSS_TABLE, "input", "numgen", "random", "mod", "100", "lt",
            Integer.toString(percent), "drop");
      }
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    deleteAll();
    try {
      Runtime.getRuntime().removeShutdownHook(cleanup);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run
    }
  }

  private synchronized void deleteAll() {
    for (Host host : hosts) {
      runQuietly("ip", "link", "del", host.bridgeSideLink());
      runQuietly("ip", "netns", "del", host.namespace());
    }
    hosts.clear();
    runQuietly("ip", "link", "del", bridge);
  }

  private void inHost(Host host, String... command) {
    List<String> full = new ArrayList<>(exec(host));
    full.addAll(List.of(command));
    run(full.toArray(String[]::new));
  }

  private void runQuietlyIn(Host host, String... command) {
    List<String> full = new ArrayList<>(exec(host));
    full.addAll(List.of(command));
    execute(full.toArray(String[]::new));
  }

  private void run(String... command) {
    String output = execute(command);
    if (output != null) {
      throw new IllegalStateException("virtual network: '" + String.join(" ", command) + "' failed (needs root, "
          + "iproute2 and nftables): " + output.trim());
    }
  }

  private static void runQuietly(String... command) {
    execute(command);
  }

  /** Runs a command; null when it exited 0, else its exit code and output. */
  private static String execute(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return "no exit within 20 s";
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return process.exitValue() == 0 ? null : "exit " + process.exitValue() + ": " + output;
    } catch (IOException e) {
      return e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
