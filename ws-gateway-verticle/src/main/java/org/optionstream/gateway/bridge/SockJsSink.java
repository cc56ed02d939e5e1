package org.optionstream.gateway.bridge;

import io.vertx.core.Future;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import org.optionstream.gateway.cache.Frame;
import org.optionstream.gateway.fanout.ClientSink;

/**
 * A SockJS bridge client. Frames go out as the bridge's own {@code rec} envelopes, pre-encoded once per
 * update. The write future completes when the SockJS transport has sent the bytes, whatever the
 * transport (WebSocket, xhr-streaming, polling), which is what the in-flight accounting needs: the
 * SockJS session's own {@code writeQueueFull} resets as soon as it hands data to a WebSocket.
 */
final class SockJsSink implements ClientSink {

  /** SockJS close code for an application-initiated close. */
  static final int GOING_AWAY = 3000;

  private final SockJSSocket socket;
  private final SockJsConnections connections;

  /** @param connections the connections SockJS sessions receive on (to reset a slow one's) */
  SockJsSink(SockJSSocket socket, SockJsConnections connections) {
    this.socket = socket;
    this.connections = connections;
  }

  @Override
  public Future<Void> write(Frame frame) {
    return socket.write(frame.envelope());
  }

  @Override
  public int size(Frame frame) {
    return frame.envelope().length();
  }

  @Override
  public void closeSlow(String reason) {
    connections.drop(socket, GOING_AWAY, reason);
  }

  @Override
  public String transport() {
    return "sockjs";
  }

  @Override
  public String describe() {
    return "sockjs from " + socket.remoteAddress();
  }
}
