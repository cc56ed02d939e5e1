package org.optionstream.gateway.rest;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.TreeMap;
import org.optionstream.common.Addresses;

/**
 * REST in front of the history stage: {@code GET /api/history/{greeks|atm|pcr|chain|iv-rank}?...} sends the
 * query parameters, as a JSON object of strings, to the matching {@code history.*} request address and
 * answers with its reply. The history stage checks the parameters: its refusals (code 400 and the reason)
 * become 400 with {@code {"error": reason}}. No history stage in the cluster: 503; no answer within
 * {@code GATEWAY_REQUEST_TIMEOUT_MS}: 504. Also keeps the latest {@code history.status} for {@code /api/status}.
 */
public final class HistoryRoutes {

  private static final Map<String, String> ADDRESSES = new TreeMap<>(Map.of(
      "greeks", Addresses.HISTORY_GREEKS,
      "atm", Addresses.HISTORY_ATM,
      "pcr", Addresses.HISTORY_PCR,
      "chain", Addresses.HISTORY_CHAIN,
      "iv-rank", Addresses.HISTORY_IV_RANK));

  private final Vertx vertx;
  private final DeliveryOptions delivery;
  private volatile JsonObject status;

  /** @param requestTimeoutMs how long to wait for the history stage's answer, milliseconds */
  public HistoryRoutes(Vertx vertx, long requestTimeoutMs) {
    this.vertx = vertx;
    this.delivery = new DeliveryOptions().setSendTimeout(requestTimeoutMs);
    vertx.eventBus().<Object>consumer(Addresses.HISTORY_STATUS, message -> {
      if (message.body() instanceof JsonObject body) {
        status = body;
      }
    });
  }

  public void mount(Router router) {
    router.get("/api/history/:question").handler(this::forward);
  }

  /** The history stage's latest {@code history.status}; null until one arrived. */
  public JsonObject status() {
    return status;
  }

  private void forward(RoutingContext ctx) {
    String question = ctx.pathParam("question");
    String address = ADDRESSES.get(question);
    if (address == null) {
      error(ctx, 404, "unknown history question '" + question + "': one of " + ADDRESSES.keySet());
      return;
    }
    JsonObject params = new JsonObject();
    for (String name : ctx.queryParams().names()) {
      if (ctx.queryParams().getAll(name).size() > 1) {
        error(ctx, 400, name + " is given more than once");
        return;
      }
      params.put(name, ctx.queryParams().get(name));
    }
    StageReplies.answer(ctx, vertx.eventBus().request(address, params, delivery), "history");
  }

  private static void error(RoutingContext ctx, int status, String reason) {
    StageReplies.error(ctx, status, reason);
  }
}
