package org.optionstream.gateway.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optionstream.common.vertx.VertxNettyAdapter;

/**
 * What the gateway takes from below Vert.x's public API, checked against the Vert.x in use: the Netty
 * channel of a server connection, a pipeline laid out as the gateway's handlers expect (Vert.x's
 * {@code handler} last, its WebSocket extension handler before it), and a reset that the peer sees as one.
 */
@ExtendWith(VertxExtension.class)
class ChannelResetTest {

  @Test
  void aServerConnectionHasItsChannelAndAResetReachesThePeer(Vertx vertx, VertxTestContext ctx) {
    Promise<Channel> accepted = Promise.promise();
    Promise<Throwable> peerSaw = Promise.promise();
    vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0).setHttp2ClearTextEnabled(false))
        .connectionHandler(connection -> accepted.tryComplete(VertxNettyAdapter.channel(connection)))
        .requestHandler(request -> request.response().end())
        .listen()
        .compose(server -> vertx.createNetClient().connect(server.actualPort(), "127.0.0.1"))
        .compose(socket -> {
          socket.exceptionHandler(peerSaw::tryComplete);
          socket.closeHandler(v -> peerSaw.tryFail("closed without a reset"));
          return accepted.future().map(channel -> new Object[] {socket, channel});
        }).compose(pair -> {
          NetSocket socket = (NetSocket) pair[0];
          Channel channel = (Channel) pair[1];
          ctx.verify(() -> {
            assertThat(channel.isActive()).isTrue();
            assertThat(channel.remoteAddress().toString()).endsWith(":" + socket.localAddress().port());
            assertThat(channel.pipeline().names()).contains(ConnectionPipeline.VERTX_HANDLER,
                WebSocketInflateLimit.VERTX_EXTENSION_HANDLER);
            assertThat(channel.pipeline().names().indexOf(WebSocketInflateLimit.VERTX_EXTENSION_HANDLER))
                .isLessThan(channel.pipeline().names().indexOf(ConnectionPipeline.VERTX_HANDLER));
          });
          vertx.runOnContext(v -> ChannelReset.reset(channel));
          return peerSaw.future();
        }).onComplete(ctx.succeeding(seen -> ctx.verify(() -> {
          assertThat(seen).hasMessageContaining("reset");
          ctx.completeNow();
        })));
  }
}
