package org.optionstream.gateway.ws;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashSet;
import java.util.Set;
import org.optionstream.common.Addresses;
import org.optionstream.gateway.guard.ErrorAnswers;

/**
 * {@code /ws/alerts}: every firing on {@code alerts.fired} as a text frame {@code {"type":"alert_fired","data":
 * firing}}, encoded once for all clients. Firings are rare and each matters, so they are never conflated; a
 * client whose socket cannot take more (its write queue is full) is closed rather than let fall behind.
 */
public final class AlertSockets {

  private final Set<ServerWebSocket> clients = new LinkedHashSet<>();

  public AlertSockets(Vertx vertx) {
    vertx.eventBus().<Object>consumer(Addresses.ALERTS_FIRED, message -> {
      if (message.body() instanceof JsonObject firing) {
        broadcast(new JsonObject().put("type", "alert_fired").put("data", firing).toBuffer());
      }
    });
  }

  /** {@code GET /ws/alerts}. */
  public void handle(RoutingContext ctx) {
    String upgrade = ctx.request().getHeader(HttpHeaders.UPGRADE);
    if (upgrade == null || !"websocket".equalsIgnoreCase(upgrade)) {
      ErrorAnswers.send(ctx, 400, "expected a WebSocket upgrade request");
      return;
    }
    ctx.request().toWebSocket().onSuccess(ws -> {
      clients.add(ws);
      ws.handler(data -> { });
      ws.closeHandler(v -> clients.remove(ws));
    });
  }

  public int clientCount() {
    return clients.size();
  }

  private void broadcast(Buffer frame) {
    for (ServerWebSocket ws : Set.copyOf(clients)) {
      if (ws.writeQueueFull()) {
        clients.remove(ws);
        ws.close((short) 1008, "too slow for alerts");
      } else {
        ws.writeTextMessage(frame.toString());
      }
    }
  }
}
