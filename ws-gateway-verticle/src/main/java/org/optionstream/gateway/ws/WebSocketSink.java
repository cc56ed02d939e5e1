package org.optionstream.gateway.ws;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import io.vertx.core.internal.http.WebSocketInternal;
import java.lang.reflect.Field;
import org.optionstream.gateway.cache.Frame;
import org.optionstream.gateway.fanout.ClientSink;
import org.optionstream.gateway.guard.NettyChannels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plain WebSocket client. Text frames are built over the frame's shared UTF-8 bytes (wrapped, not
 * copied), so an update is encoded once however many clients receive it; Vert.x's public
 * {@code writeTextMessage(String)} would encode the text again for every client.
 *
 * <p>On the socket's own event loop the frames go straight into its Netty pipeline and stay there
 * until {@link #flush()}: one system call per fan-out pass instead of one per update (Vert.x's
 * {@code writeFrame} flushes every frame it is given outside a read). The first frame, any frame
 * off that loop, and every frame when the connection's pipeline cannot be reached go through
 * {@code writeFrame} and flush themselves.
 */
final class WebSocketSink implements ClientSink {

  private static final Logger LOG = LoggerFactory.getLogger(WebSocketSink.class);

  /** RFC 6455 close code 1013 "Try Again Later". */
  private static final short TRY_AGAIN_LATER = 1013;

  private final ServerWebSocket ws;
  private final ChannelHandlerContext pipeline;
  private boolean unflushed;
  /** Set once Vert.x has written a frame of ours: direct writes start only then. */
  private boolean direct;

  WebSocketSink(ServerWebSocket ws) {
    this.ws = ws;
    this.pipeline = pipelineOf(ws);
  }

  @Override
  public Future<Void> write(Frame frame) {
    if (pipeline == null || !pipeline.executor().inEventLoop() || !direct) {
      Future<Void> written = ws.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, frame.message(), true));
      if (pipeline != null && !direct) {
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

  /** Whether frames written on the socket's loop wait for {@link #flush()} (the socket's pipeline was reached). */
  boolean batchesWrites() {
    return pipeline != null;
  }

  @Override
  public int size(Frame frame) {
    return frame.message().length;
  }

  /**
   * Resets the connection at once: a close frame would only queue behind what the client has not read,
   * and a graceful close leaves the connection open for as long as the client does not read. Without the
   * pipeline, the close is graceful (1013).
   */
  @Override
  public void closeSlow(String reason) {
    if (pipeline != null) {
      NettyChannels.abort(pipeline.channel());
    } else {
      ws.close(TRY_AGAIN_LATER, reason);
    }
  }

  @Override
  public String transport() {
    return "websocket";
  }

  @Override
  public String describe() {
    return "websocket " + ws.path() + " from " + ws.remoteAddress();
  }

  /**
   * The Netty context Vert.x itself writes this socket's frames through (its outbound side runs the
   * WebSocket encoder and any compression), or null when unreachable. vertx-web hands out the
   * server's socket wrapped (to adjust its path), so the wrapper is looked through.
   */
  private static ChannelHandlerContext pipelineOf(ServerWebSocket ws) {
    Object socket = ws;
    try {
      if (!(socket instanceof WebSocketInternal)) {
        Field delegate = socket.getClass().getDeclaredField("delegate");
        delegate.setAccessible(true);
        socket = delegate.get(socket);
      }
      return socket instanceof WebSocketInternal internal ? internal.channelHandlerContext() : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.debug("no direct pipeline for {}: frames flush one by one", ws.getClass().getName(), e);
      return null;
    }
  }
}
