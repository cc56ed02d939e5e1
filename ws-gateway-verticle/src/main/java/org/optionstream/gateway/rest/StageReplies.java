package org.optionstream.gateway.rest;

import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers an HTTP request with a stage's reply to a bus request: the reply's JSON with 200; the stage's
 * refusal with its code when it is 400 or 404 (anything else 502) and {@code {"error": reason}}; 503 when no
 * such stage runs; 504 when it did not answer in time.
 */
final class StageReplies {

  private StageReplies() {
  }

  static void answer(RoutingContext ctx, Future<Message<Object>> reply, String stage) {
    reply.onSuccess(message -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
            .end(Json.encode(message.body())))
        .onFailure(failure -> {
          if (!(failure instanceof ReplyException refused)) {
            error(ctx, 500, String.valueOf(failure.getMessage()));
            return;
          }
          switch (refused.failureType()) {
            case NO_HANDLERS -> error(ctx, 503, "no " + stage + " stage is running");
            case TIMEOUT -> error(ctx, 504, "the " + stage + " stage did not answer in time");
            default -> error(ctx, refused.failureCode() == 400 || refused.failureCode() == 404 ? refused.failureCode() : 502,
                refused.getMessage());
          }
        });
  }

  static void error(RoutingContext ctx, int status, String reason) {
    ctx.response().setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(new JsonObject().put("error", reason).encode());
  }
}
