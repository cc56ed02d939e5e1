package org.optionstream.gateway.guard;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error the gateway answers carries a body that says why: {@code {"error":"<reason>"}}
 * ({@code application/json}). Covers the requests the HTTP decoder could not read (400, 414, 431: Vert.x
 * answers those with an empty body by default), and the router's own failures (404, 413, 500).
 */
public final class ErrorAnswers {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorAnswers.class);

  /** Longest request line the HTTP decoder reads (Vert.x's default), bytes. */
  public static final int MAX_REQUEST_LINE_BYTES = 4096;
  /** Largest request head the HTTP decoder reads (Vert.x's default), bytes. */
  public static final int MAX_HEADER_BYTES = 8192;

  private final BadInputLog badInput;
  private final int maxBodyBytes;

  /** @param maxBodyBytes the body limit, for the 413 reason */
  public ErrorAnswers(BadInputLog badInput, int maxBodyBytes) {
    this.badInput = badInput;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Answers {@code status} with {@code reason} as the body. */
  public static Future<Void> send(HttpServerResponse response, int status, String reason) {
    return response.setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(new JsonObject().put("error", reason).encode());
  }

  /** Answers {@code status} with {@code reason} as the body. */
  public static Future<Void> send(RoutingContext ctx, int status, String reason) {
    return send(ctx.response(), status, reason);
  }

  /** Answers, then closes the connection once the answer is written (the request cannot be trusted further). */
  public static void sendAndClose(HttpServerRequest request, int status, String reason) {
    request.response().putHeader(HttpHeaders.CONNECTION, "close");
    send(request.response(), status, reason).onComplete(done -> request.connection().close());
  }

  /** For {@code HttpServer.invalidRequestHandler}: a request the decoder could not read. */
  public void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    if (cause instanceof TooLongHttpLineException) {
      badInput.record(BadInputLog.Kind.URI_TOO_LONG, "from " + request.remoteAddress());
      sendAndClose(request, 414, "request line longer than " + MAX_REQUEST_LINE_BYTES + " bytes: shorten the query"
          + " (a long keys filter can be sent as the form body of POST /api/greeks)");
    } else if (cause instanceof TooLongHttpHeaderException) {
      badInput.record(BadInputLog.Kind.HEADERS_TOO_LARGE, "from " + request.remoteAddress());
      sendAndClose(request, 431, "request headers larger than " + MAX_HEADER_BYTES + " bytes");
    } else {
      String why = cause == null ? "unreadable request" : describe(cause);
      badInput.record(BadInputLog.Kind.MALFORMED_REQUEST, why + " from " + request.remoteAddress());
      sendAndClose(request, 400, "malformed HTTP request: " + why);
    }
  }

  /** Gives the router's own 404, 413 and 500 answers a reason (405: {@link StandardMethods}). */
  public void mount(Router router) {
    router.errorHandler(404, ctx -> send(ctx, 404, "no such resource: "
        + BadInputLog.abbreviate(ctx.request().path())));
    router.errorHandler(413, ctx -> {
      badInput.record(BadInputLog.Kind.BODY_TOO_LARGE, ctx.request().method() + " " + ctx.request().path()
          + " from " + ctx.request().remoteAddress());
      sendAndClose(ctx.request(), 413, "request body larger than " + maxBodyBytes + " bytes (GATEWAY_MAX_BODY_BYTES)");
    });
    router.errorHandler(500, ctx -> {
      LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
      send(ctx, 500, "internal error");
    });
  }

  private static String describe(Throwable cause) {
    return BadInputLog.abbreviate(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
  }
}
