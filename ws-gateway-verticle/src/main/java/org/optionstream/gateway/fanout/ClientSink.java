package org.optionstream.gateway.fanout;

import io.vertx.core.Future;
import org.optionstream.gateway.cache.Frame;

/** Where one client's frames go: a plain WebSocket or a SockJS bridge socket. */
public interface ClientSink {

  /**
   * Writes {@code frame}, possibly only into a buffer that {@link #flush()} sends; the future
   * completes once the transport has taken the bytes.
   */
  Future<Void> write(Frame frame);

  /** Sends what {@link #write} left buffered; a sink that writes straight through has nothing to do. */
  default void flush() {
  }

  /** Number of bytes {@link #write} puts in flight for {@code frame} (for back-pressure accounting). */
  int size(Frame frame);

  /** Closes the client because it fell behind; {@code reason} is sent when the transport allows it. */
  void closeSlow(String reason);

  /** "websocket" or "sockjs" (metrics tag). */
  String transport();

  /** For logs: transport and remote address. */
  String describe();
}
