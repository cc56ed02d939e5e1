package org.optionstream.gateway.guard;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import java.util.function.Predicate;

/**
 * Makes the requests whose URI matches arrive as {@code Connection: close}, before Vert.x reads them:
 * Vert.x then answers with {@code Connection: close} and closes the connection once the response is
 * written. For long-lived receiving responses (SockJS streaming and polling), so that a session that ends
 * frees its TCP connection instead of leaving it to idle in the client's pool. One instance serves every
 * connection.
 */
@ChannelHandler.Sharable
final class CloseAfterResponse extends ChannelInboundHandlerAdapter {

  private final Predicate<String> uris;

  CloseAfterResponse(Predicate<String> uris) {
    this.uris = uris;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest request && uris.test(request.uri())) {
      request.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    ctx.fireChannelRead(msg);
  }
}
