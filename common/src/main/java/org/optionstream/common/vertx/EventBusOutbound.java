package org.optionstream.common.vertx;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetSocket;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.Map;

/**
 * The clustered event bus's connections to the other members, and whether each can take more bytes now: an
 * adapter below Vert.x's public API, which sends to a member without limit (a member that reads slowly makes the
 * sender hold everything sent to it, in memory, until the sender's heap is full). A stage that publishes a lot
 * asks this before it publishes, and holds back while a member's connection is full (Netty's high-water mark).
 *
 * <p>Nothing here falls back quietly: on a clustered Vertx whose event bus is not laid out as this adapter expects,
 * {@link #of} throws {@link IllegalStateException} naming what is missing, and {@code EventBusOutboundTest} fails.
 * A Vertx that is not clustered has no connections.
 */
public final class EventBusOutbound {

  private static final String CLUSTERED_BUS = "io.vertx.core.eventbus.impl.clustered.ClusteredEventBus";

  private final Map<?, ?> connections;
  private final Field socket;

  private EventBusOutbound(Map<?, ?> connections, Field socket) {
    this.connections = connections;
    this.socket = socket;
  }

  /**
   * The outbound connections of {@code vertx}'s event bus.
   *
   * @throws IllegalStateException when the event bus is clustered but its internals are not the ones this
   *     adapter was written for
   */
  public static EventBusOutbound of(Vertx vertx) {
    Object bus = vertx.eventBus();
    if (!vertx.isClustered()) {
      return new EventBusOutbound(Map.of(), null);
    }
    if (!bus.getClass().getName().equals(CLUSTERED_BUS)) {
      throw new IllegalStateException("a clustered event bus of " + bus.getClass().getName() + ", not "
          + CLUSTERED_BUS + ": this Vert.x version is not the one EventBusOutbound was written for");
    }
    try {
      Field outbound = bus.getClass().getDeclaredField("outboundConnections");
      outbound.setAccessible(true);
      Map<?, ?> connections = (Map<?, ?>) outbound.get(bus);
      Class<?> connection = Class.forName("io.vertx.core.eventbus.impl.clustered.OutboundConnection");
      Field socket = connection.getDeclaredField("socket");
      if (!NetSocket.class.isAssignableFrom(socket.getType())) {
        throw new IllegalStateException("OutboundConnection.socket is a " + socket.getType().getName());
      }
      socket.setAccessible(true);
      return new EventBusOutbound(connections, socket);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("cannot reach the clustered event bus's connections (" + e
          + "): this Vert.x version is not the one EventBusOutbound was written for", e);
    }
  }

  /**
   * Adds to {@code into} the node id of every member whose connection's write queue is full now; a connection
   * still being set up counts as not full.
   */
  public void fullMembers(Collection<String> into) {
    for (Map.Entry<?, ?> entry : connections.entrySet()) {
      if (full(entry.getValue())) {
        into.add(String.valueOf(entry.getKey()));
      }
    }
  }

  /** How many members this process has a connection to. */
  public int size() {
    return connections.size();
  }

  private boolean full(Object connection) {
    try {
      NetSocket s = (NetSocket) socket.get(connection);
      return s != null && s.writeQueueFull();
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("OutboundConnection.socket is not readable", e);
    }
  }
}
