package org.optionstream.gateway.guard;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Resets a connection whose first request head (a WebSocket handshake is one) has not fully arrived
 * within the timeout: a client that connects and sends nothing, or dribbles its headers, holds a socket
 * and a file descriptor for no one. Removes itself once the first head is in. One instance per connection,
 * on the connection's event loop.
 */
final class HandshakeTimeout extends ChannelInboundHandlerAdapter {

  private final long timeoutMs;
  private final BadInputLog badInput;
  private ScheduledFuture<?> timer;

  HandshakeTimeout(long timeoutMs, BadInputLog badInput) {
    this.timeoutMs = timeoutMs;
    this.badInput = badInput;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    timer = ctx.executor().schedule(() -> {
      badInput.record(BadInputLog.Kind.HANDSHAKE_TIMEOUT, "no request head within " + timeoutMs + " ms from "
          + ctx.channel().remoteAddress());
      ChannelReset.reset(ctx.channel());
    }, timeoutMs, TimeUnit.MILLISECONDS);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest) {
      ctx.pipeline().remove(this);
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    timer.cancel(false);
  }
}
