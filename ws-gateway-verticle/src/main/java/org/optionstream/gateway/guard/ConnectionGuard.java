package org.optionstream.gateway.guard;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import io.vertx.ext.web.RoutingContext;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.optionstream.common.management.ManagementRoutes;
import org.optionstream.common.vertx.VertxNettyAdapter;

/**
 * Caps the gateway's open connections, in total and per remote IP address. Every connection is counted
 * from accept until its socket closes. A connection accepted over a cap is still served
 * {@code /health/*} (so probes keep working when clients have used up the connections), and anything
 * else gets 503 with a reason, after which it is closed. Thread-safe.
 */
public final class ConnectionGuard {

  /** Set on a connection's channel when it was accepted over a cap: why. */
  private static final AttributeKey<String> OVER_CAP = AttributeKey.valueOf("optionstream.gateway.overCap");
  private static final String HEALTH_PREFIX = ManagementRoutes.LIVE_PATH.substring(0,
      ManagementRoutes.LIVE_PATH.lastIndexOf('/') + 1);

  private final int maxConnections;
  private final int maxPerAddress;
  private final BadInputLog badInput;
  private final AtomicInteger open = new AtomicInteger();
  private final ConcurrentHashMap<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();

  public ConnectionGuard(int maxConnections, int maxPerAddress, BadInputLog badInput) {
    this.maxConnections = maxConnections;
    this.maxPerAddress = maxPerAddress;
    this.badInput = badInput;
  }

  /** Counts a new connection until its channel closes; marks it when it is over a cap. */
  public void admit(Channel channel) {
    String address = hostOf(channel.remoteAddress());
    int total = open.incrementAndGet();
    int fromAddress = perAddress.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
    channel.closeFuture().addListener(closed -> release(address));
    if (total > maxConnections) {
      channel.attr(OVER_CAP).set("the gateway has " + total + " connections open, more than GATEWAY_MAX_CONNECTIONS ("
          + maxConnections + ")");
    } else if (fromAddress > maxPerAddress) {
      channel.attr(OVER_CAP).set(address + " has " + fromAddress + " connections open, more than"
          + " GATEWAY_MAX_CONNECTIONS_PER_ADDRESS (" + maxPerAddress + ")");
    }
  }

  /** First route: a request on a connection over a cap gets 503 unless it asks for {@code /health/*}. */
  public void refuseOverCap(RoutingContext ctx) {
    String overCap = VertxNettyAdapter.channel(ctx.request().connection()).attr(OVER_CAP).get();
    if (overCap == null || ctx.request().path().startsWith(HEALTH_PREFIX)) {
      ctx.next();
      return;
    }
    badInput.record(BadInputLog.Kind.OVER_CONNECTION_LIMIT, overCap);
    ErrorAnswers.sendAndClose(ctx.request(), 503, "too many connections: " + overCap);
  }

  /** Connections open now. */
  public int open() {
    return open.get();
  }

  private void release(String address) {
    open.decrementAndGet();
    perAddress.computeIfPresent(address, (a, n) -> n.decrementAndGet() == 0 ? null : n);
  }

  private static String hostOf(SocketAddress address) {
    if (address instanceof InetSocketAddress inet) {
      return inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
    }
    return String.valueOf(address);
  }
}
