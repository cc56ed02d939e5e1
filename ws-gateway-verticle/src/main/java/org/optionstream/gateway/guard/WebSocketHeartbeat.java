package org.optionstream.gateway.guard;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Pings every WebSocket (plain or SockJS) once per interval from the moment its upgrade is answered, and
 * resets one that sent nothing at all (no pong, no frame) during a whole interval after a ping: a peer
 * that vanished without closing, or stopped reading, would otherwise hold its connection until TCP gives
 * up. Browsers answer pings by themselves. One instance per connection, on its event loop.
 */
final class WebSocketHeartbeat extends ChannelDuplexHandler {

  private final long intervalMs;
  private final BadInputLog badInput;
  private ScheduledFuture<?> timer;
  private boolean heard;
  private boolean pinged;

  WebSocketHeartbeat(long intervalMs, BadInputLog badInput) {
    this.intervalMs = intervalMs;
    this.badInput = badInput;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (timer == null && msg instanceof HttpResponse response
        && response.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
      promise.addListener(written -> {
        if (written.isSuccess() && timer == null && ctx.channel().isActive()) {
          timer = ctx.executor().scheduleAtFixedRate(() -> beat(ctx), intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        }
      });
    }
    ctx.write(msg, promise);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof WebSocketFrame) {
      heard = true;
    }
    ctx.fireChannelRead(msg);
  }

  private void beat(ChannelHandlerContext ctx) {
    if (pinged && !heard) {
      badInput.record(BadInputLog.Kind.WEBSOCKET_UNANSWERED_PING, "no answer within " + intervalMs + " ms from "
          + ctx.channel().remoteAddress());
      ChannelReset.reset(ctx.channel());
      return;
    }
    heard = false;
    pinged = true;
    ctx.writeAndFlush(new PingWebSocketFrame(Unpooled.EMPTY_BUFFER));
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (timer != null) {
      timer.cancel(false);
    }
  }
}
