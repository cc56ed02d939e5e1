package org.optionstream.common.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the project takes from below Vert.x's public API, checked against the Vert.x in use: a server
 * connection's Netty channel is the socket the client is connected to, Vert.x's handler is last in its
 * pipeline, and a WebSocket frame written through {@link VertxNettyAdapter#writeContext} reaches the client
 * after what Vert.x wrote, as a text message. A Vert.x upgrade that changes any of this fails here.
 */
@ExtendWith(VertxExtension.class)
class VertxNettyAdapterTest {

  @Test
  void aServerConnectionsChannelAndWriteContextReachTheClient(Vertx vertx, VertxTestContext ctx) {
    Promise<Channel> serverChannel = Promise.promise();
    vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(request -> {
          HttpConnection connection = request.connection();
          request.toWebSocket().onSuccess(ws -> {
            Channel channel = VertxNettyAdapter.channel(connection);
            ChannelHandlerContext context = VertxNettyAdapter.writeContext(connection);
            serverChannel.complete(channel);
            ctx.verify(() -> {
              assertThat(context.channel()).isSameAs(channel);
              assertThat(channel.pipeline().names()).as("Vert.x's handler is the pipeline's last")
                  .endsWith(VertxNettyAdapter.VERTX_HANDLER, "DefaultChannelPipeline$TailContext#0");
            });
            ws.writeTextMessage("through vert.x").onSuccess(v -> {
              context.write(new TextWebSocketFrame("through the adapter"));
              context.flush();
            });
          });
        })
        .listen()
        .onComplete(ctx.succeeding(server -> {
          List<String> received = new ArrayList<>();
          WebSocketClient client = vertx.createWebSocketClient();
          client.connect(server.actualPort(), "127.0.0.1", "/").onComplete(ctx.succeeding(socket -> {
            socket.textMessageHandler(text -> {
              received.add(text);
              if (received.size() == 2) {
                serverChannel.future().onComplete(ctx.succeeding(channel -> ctx.verify(() -> {
                  assertThat(received).containsExactly("through vert.x", "through the adapter");
                  assertThat(channel.remoteAddress().toString()).endsWith(":" + socket.localAddress().port());
                  ctx.completeNow();
                })));
              }
            });
          }));
        }));
  }
}
