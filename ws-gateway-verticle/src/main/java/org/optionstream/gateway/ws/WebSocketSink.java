package org.optionstream.gateway.ws;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;
import org.optionstream.common.vertx.VertxNettyAdapter;
import org.optionstream.gateway.cache.Frame;
import org.optionstream.gateway.fanout.ClientSink;
import org.optionstream.gateway.guard.ChannelReset;

/**
 * A plain WebSocket client. Text frames are built over the frame's shared UTF-8 bytes (wrapped, not
 * copied), so an update is encoded once however many clients receive it; Vert.x's public
 * {@code writeTextMessage(String)} would encode the text again for every client.
 *
 * <p>On the socket's own event loop the frames go straight into its Netty pipeline, through the context
 * Vert.x itself writes with ({@link VertxNettyAdapter#writeContext}), and stay there until {@link #flush()}:
 * one system call per fan-out pass instead of one per update (Vert.x's {@code writeFrame} flushes every
 * frame it is given outside a read). The first frame and any frame off that loop go through Vert.x's
 * {@code writeTextMessage} and flush themselves.
 */
final class WebSocketSink implements ClientSink {

  private final ServerWebSocket ws;
  private final ChannelHandlerContext pipeline;
  private boolean unflushed;
  /** Set once Vert.x has written a frame of ours: direct writes start only then. */
  private boolean direct;

  /**
   * @param connection the HTTP connection {@code ws} was upgraded from
   * @throws IllegalStateException when this Vert.x version's connection cannot be written to directly
   */
  WebSocketSink(ServerWebSocket ws, HttpConnection connection) {
    this.ws = ws;
    this.pipeline = VertxNettyAdapter.writeContext(connection);
  }

  @Override
  public Future<Void> write(Frame frame) {
    if (!direct || !pipeline.executor().inEventLoop()) {
      Future<Void> written = ws.writeTextMessage(new String(frame.message(), StandardCharsets.UTF_8));
      if (!direct) {
        // Vert.x has written everything before this frame (the upgrade's 101 response included):
        // from here on a direct write cannot overtake anything Vert.x still holds.
        written.onSuccess(v -> direct = true);
      }
      return written;
    }
    Promise<Void> written = Promise.promise();
    ChannelPromise taken = pipeline.newPromise();
    taken.addListener(f -> {
      if (f.isSuccess()) {
        written.complete();
      } else {
        written.fail(f.cause());
      }
    });
    pipeline.write(new TextWebSocketFrame(true, 0, Unpooled.wrappedBuffer(frame.message())), taken);
    unflushed = true;
    return written.future();
  }

  @Override
  public void flush() {
    if (unflushed) {
      unflushed = false;
      pipeline.flush();
    }
  }

  @Override
  public int size(Frame frame) {
    return frame.message().length;
  }

  /**
   * Resets the connection at once: a close frame would only queue behind what the client has not read,
   * and a graceful close leaves the connection open for as long as the client does not read.
   */
  @Override
  public void closeSlow(String reason) {
    ChannelReset.reset(pipeline.channel());
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
