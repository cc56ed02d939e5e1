package org.optionstream.gateway.guard;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Which web pages may use {@code /api}, {@code /ws} and {@code /eventbus}: the gateway's own origin, and
 * those listed in {@code GATEWAY_ALLOWED_ORIGINS} ({@code *}: any). A request that names its page (the
 * {@code Origin} header, which browsers send on every WebSocket upgrade and cross-origin request, else
 * the {@code Referer}) from anywhere else gets 403 with a reason; a request that names none (a program,
 * not a browser page) passes, except on the transports a foreign page could read without CORS (SockJS
 * {@code jsonp} and {@code htmlfile}, loaded as script and iframe), which must name their page.
 *
 * <p>CORS headers are this policy's: an allowed foreign origin gets {@code Access-Control-Allow-Origin}
 * with its own name (never {@code *}); every other answer gets none (SockJS would otherwise answer
 * {@code *} or echo any origin). Preflights of {@code /api} are answered here, before the token check
 * (browsers send them without credentials).
 */
public final class OriginPolicy implements Handler<RoutingContext> {

  private static final String ALLOWED_HEADERS = "Authorization, X-Gateway-Token, Content-Type";
  private static final String PREFLIGHT_MAX_AGE_SECONDS = "600";

  private final List<String> allowed;
  private final boolean anyOrigin;
  private final Predicate<String> needsNamedPage;
  private final BadInputLog badInput;

  /**
   * @param allowed        lower-case origins allowed besides the gateway's own ({@code *} = any)
   * @param needsNamedPage paths whose requests must name their page (Origin or Referer)
   */
  public OriginPolicy(List<String> allowed, Predicate<String> needsNamedPage, BadInputLog badInput) {
    this.allowed = List.copyOf(allowed);
    this.anyOrigin = allowed.contains("*");
    this.needsNamedPage = needsNamedPage;
    this.badInput = badInput;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    String page = origin != null ? origin : originOf(request.getHeader(HttpHeaders.REFERER));
    if (page == null) {
      if (needsNamedPage.test(request.path())) {
        refuse(ctx, "this transport needs an Origin or Referer header naming the page that uses it", "none");
        return;
      }
      ctx.addHeadersEndHandler(v -> noCors(ctx.response()));
      ctx.next();
      return;
    }
    String normalized = page.trim().toLowerCase(Locale.ROOT);
    boolean sameOrigin = sameOrigin(normalized, request.getHeader(HttpHeaders.HOST));
    if (!sameOrigin && !anyOrigin && !allowed.contains(normalized)) {
      refuse(ctx, "origin " + BadInputLog.abbreviate(page) + " is not allowed: same origin only, unless listed in"
          + " GATEWAY_ALLOWED_ORIGINS", page);
      return;
    }
    if (sameOrigin || origin == null) {
      ctx.addHeadersEndHandler(v -> noCors(ctx.response()));
    } else {
      ctx.addHeadersEndHandler(v -> allowCors(ctx.response(), origin));
      if (request.method() == HttpMethod.OPTIONS && request.path().startsWith("/api/")
          && request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null) {
        ctx.response().setStatusCode(204)
            .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, OPTIONS")
            .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS)
            .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, PREFLIGHT_MAX_AGE_SECONDS)
            .end();
        return;
      }
    }
    ctx.next();
  }

  private void refuse(RoutingContext ctx, String reason, String page) {
    badInput.record(BadInputLog.Kind.ORIGIN_REFUSED, "page " + BadInputLog.abbreviate(page) + " on "
        + BadInputLog.abbreviate(ctx.request().path()) + " from " + ctx.request().remoteAddress());
    ErrorAnswers.send(ctx, 403, reason);
  }

  /**
   * Whether {@code origin} ({@code scheme://host[:port]}, lower case) names the host the request was sent
   * to ({@code Host}). The scheme is not compared: behind a TLS-terminating proxy the gateway sees plain
   * HTTP for a page served over HTTPS.
   */
  static boolean sameOrigin(String origin, String host) {
    if (host == null) {
      return false;
    }
    int schemeEnd = origin.indexOf("://");
    if (schemeEnd < 0) {
      return false;
    }
    String defaultPort = origin.startsWith("https:") ? ":443" : ":80";
    return withoutPort(origin.substring(schemeEnd + 3), defaultPort)
        .equals(withoutPort(host.trim().toLowerCase(Locale.ROOT), defaultPort));
  }

  private static String withoutPort(String authority, String port) {
    return authority.endsWith(port) ? authority.substring(0, authority.length() - port.length()) : authority;
  }

  /** {@code scheme://host[:port]} of a Referer URL, or null. */
  static String originOf(String referer) {
    if (referer == null) {
      return null;
    }
    try {
      URI uri = new URI(referer.trim());
      if (uri.getScheme() == null || uri.getRawAuthority() == null) {
        return null;
      }
      return uri.getScheme() + "://" + uri.getRawAuthority();
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

  private static void allowCors(HttpServerResponse response, String origin) {
    response.headers()
        .set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
        .set(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true")
        .add(HttpHeaders.VARY, HttpHeaders.ORIGIN);
  }

  private static void noCors(HttpServerResponse response) {
    response.headers()
        .remove(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
        .remove(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS);
  }
}
