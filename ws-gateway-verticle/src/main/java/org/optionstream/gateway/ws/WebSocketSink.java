package org.optionstream.gateway.ws;

import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import org.optionstream.gateway.cache.Frame;
import org.optionstream.gateway.fanout.ClientSink;

/**
 * A plain WebSocket client. Text frames are built over the frame's shared UTF-8 bytes (wrapped, not
 * copied), so an update is encoded once however many clients receive it; Vert.x's public
 * {@code writeTextMessage(String)} would encode the text again for every client.
 */
final class WebSocketSink implements ClientSink {

  /** RFC 6455 close code 1013 "Try Again Later". */
  private static final short TRY_AGAIN_LATER = 1013;

  private final ServerWebSocket ws;

  WebSocketSink(ServerWebSocket ws) {
    this.ws = ws;
  }

  @Override
  public Future<Void> write(Frame frame) {
    return ws.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, frame.message(), true));
  }

  @Override
  public int size(Frame frame) {
    return frame.message().length;
  }

  @Override
  public void closeSlow(String reason) {
    ws.close(TRY_AGAIN_LATER, reason);
  }

  @Override
  public String transport() {
    return "websocket";
  }

  @Override
  public String describe() {
    return "websocket " + ws.path() + " from " + ws.remoteAddress();
  }
}
