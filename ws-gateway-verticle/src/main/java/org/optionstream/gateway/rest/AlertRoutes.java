package org.optionstream.gateway.rest;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.optionstream.common.Addresses;

/**
 * REST in front of the alerts stage: {@code POST /api/alerts} (a rule as the JSON body) creates,
 * {@code GET /api/alerts} lists, {@code GET /api/alerts/{id}} reads (with the rule's state),
 * {@code DELETE /api/alerts/{id}} deletes, {@code GET /api/alerts/fired?from&to&limit} lists stored firings
 * (epoch ms). Each is one request to the matching {@code alerts.*} address; the stage's refusal of a rule
 * becomes 400 with {@code {"error": "<field>: <reason>"}}, an unknown id 404, no alerts stage 503. Like
 * everything under {@code /api}, these need {@code GATEWAY_TOKEN} when one is set.
 */
public final class AlertRoutes {

  private final Vertx vertx;
  private final DeliveryOptions delivery;
  private final long maxBodyBytes;

  /** @param requestTimeoutMs how long to wait for the alerts stage, milliseconds */
  public AlertRoutes(Vertx vertx, long requestTimeoutMs, long maxBodyBytes) {
    this.vertx = vertx;
    this.delivery = new DeliveryOptions().setSendTimeout(requestTimeoutMs);
    this.maxBodyBytes = maxBodyBytes;
  }

  public void mount(Router router) {
    router.post("/api/alerts").handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes)).handler(this::create);
    router.get("/api/alerts").handler(ctx -> ask(ctx, Addresses.ALERTS_RULES_LIST, new JsonObject()));
    router.get("/api/alerts/fired").handler(this::fired);
    router.get("/api/alerts/:id").handler(ctx -> ask(ctx, Addresses.ALERTS_RULES_GET, idOf(ctx)));
    router.delete("/api/alerts/:id").handler(ctx -> ask(ctx, Addresses.ALERTS_RULES_DELETE, idOf(ctx)));
  }

  private void create(RoutingContext ctx) {
    JsonObject rule;
    try {
      rule = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      StageReplies.error(ctx, 400, "the body must be a JSON object (a rule)");
      return;
    }
    if (rule == null) {
      StageReplies.error(ctx, 400, "the body must be a JSON object (a rule)");
      return;
    }
    ask(ctx, Addresses.ALERTS_RULES_CREATE, rule);
  }

  private void fired(RoutingContext ctx) {
    JsonObject query = new JsonObject();
    for (String name : ctx.queryParams().names()) {
      if (!name.equals("from") && !name.equals("to") && !name.equals("limit") && !name.equals("token")) {
        StageReplies.error(ctx, 400, "unknown query parameter '" + name + "' (from, to, limit)");
        return;
      }
      if (!name.equals("token")) {
        query.put(name, ctx.queryParams().get(name));
      }
    }
    ask(ctx, Addresses.ALERTS_FIRED_QUERY, query);
  }

  private static JsonObject idOf(RoutingContext ctx) {
    return new JsonObject().put("id", ctx.pathParam("id"));
  }

  private void ask(RoutingContext ctx, String address, JsonObject body) {
    StageReplies.answer(ctx, vertx.eventBus().request(address, body, delivery), "alerts");
  }
}
