package org.optionstream.gateway.guard;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.compression.ZlibCodecFactory;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandshaker;
import io.netty.handler.codec.http.websocketx.extensions.compression.DeflateFrameServerExtensionHandshaker;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpServerOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Bounds what a compressed WebSocket frame from a client may inflate to. Vert.x negotiates
 * permessage-deflate (and the older deflate-frame) with no bound on the inflated size: a 60 KB frame of
 * zeros inflates to 60 MB on the event loop, and a few of them froze the gateway for minutes. This
 * handler replaces Vert.x's extension handler on each connection with one whose inflater stops at
 * {@code maxFrameBytes}, and closes a client that goes over it with 1009 (message too big) at once,
 * dropping whatever else it sends. Compression of the gateway's own frames is unchanged.
 * One instance per connection.
 */
final class WebSocketInflateLimit extends ChannelInboundHandlerAdapter {

  /** The name Vert.x gives its WebSocket extension handler in each connection's pipeline. */
  static final String VERTX_EXTENSION_HANDLER = "webSocketExtensionHandler";

  private final int maxFrameBytes;
  private final BadInputLog badInput;
  private boolean refusing;

  private WebSocketInflateLimit(int maxFrameBytes, BadInputLog badInput) {
    this.maxFrameBytes = maxFrameBytes;
    this.badInput = badInput;
  }

  /**
   * Swaps the bounded extension handler in for Vert.x's, and adds the 1009 close before {@code beforeName}.
   *
   * @param options the server's options: which compressions it offers, at what level
   * @return false when the pipeline has no WebSocket compression to bound (compression off)
   */
  static boolean install(ChannelPipeline pipeline, String beforeName, int maxFrameBytes, HttpServerOptions options,
      BadInputLog badInput) {
    if (pipeline.get(VERTX_EXTENSION_HANDLER) == null) {
      return false;
    }
    List<WebSocketServerExtensionHandshaker> handshakers = new ArrayList<>();
    if (options.getPerFrameWebSocketCompressionSupported()) {
      handshakers.add(new DeflateFrameServerExtensionHandshaker(options.getWebSocketCompressionLevel(), maxFrameBytes));
    }
    if (options.getPerMessageWebSocketCompressionSupported()) {
      handshakers.add(new PerMessageDeflateServerExtensionHandshaker(options.getWebSocketCompressionLevel(),
          ZlibCodecFactory.isSupportingWindowSizeAndMemLevel(),
          PerMessageDeflateServerExtensionHandshaker.MAX_WINDOW_SIZE,
          options.getWebSocketAllowServerNoContext(), options.getWebSocketPreferredClientNoContext(), maxFrameBytes));
    }
    pipeline.replace(VERTX_EXTENSION_HANDLER, VERTX_EXTENSION_HANDLER,
        new WebSocketServerExtensionHandler(handshakers.toArray(new WebSocketServerExtensionHandshaker[0])));
    pipeline.addBefore(beforeName, "optionstream-inflate-limit", new WebSocketInflateLimit(maxFrameBytes, badInput));
    return true;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (refusing && msg instanceof WebSocketFrame) {
      ReferenceCountUtil.release(msg);
      return;
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!isInflateOverflow(cause)) {
      ctx.fireExceptionCaught(cause);
      return;
    }
    if (!refusing) {
      refusing = true;
      badInput.record(BadInputLog.Kind.WEBSOCKET_FRAME_TOO_LARGE, "a frame inflating beyond " + maxFrameBytes
          + " bytes from " + ctx.channel().remoteAddress());
      // closed from here, below Vert.x's handler, which would wait for the client's own close frame
      ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG.code(),
          "a frame inflates beyond " + maxFrameBytes + " bytes")).addListener(written -> ctx.close());
    }
  }

  private static boolean isInflateOverflow(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof DecompressionException) {
        return true;
      }
    }
    return false;
  }
}
