package org.optionstream.gateway.auth;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.optionstream.gateway.guard.ErrorAnswers;

/**
 * Shared-secret access ({@code GATEWAY_TOKEN}) for {@code /api}, {@code /ws} and {@code /eventbus}. The
 * token is accepted from the {@code Authorization: Bearer <token>} header, the {@code X-Gateway-Token}
 * header or the {@code token} query parameter (browsers cannot set headers on WebSocket and SockJS
 * requests); anything else gets 401. Compared in constant time.
 */
public final class TokenAuth implements Handler<RoutingContext> {

  public static final String HEADER = "X-Gateway-Token";
  public static final String QUERY_PARAMETER = "token";

  private final byte[] expected;

  public TokenAuth(String token) {
    this.expected = token.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String presented = presented(ctx);
    if (presented != null && MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8))) {
      ctx.next();
      return;
    }
    ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"optionstream\"");
    ErrorAnswers.send(ctx, 401, presented == null ? "GATEWAY_TOKEN required" : "wrong token");
  }

  private static String presented(RoutingContext ctx) {
    String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authorization.substring(7).trim();
    }
    String header = ctx.request().getHeader(HEADER);
    if (header != null) {
      return header;
    }
    return ctx.request().getParam(QUERY_PARAMETER);
  }
}
