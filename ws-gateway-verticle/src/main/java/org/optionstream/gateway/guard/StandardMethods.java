package org.optionstream.gateway.guard;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Which HTTP methods reach the gateway's routes, and what the others get. A flood of made-up methods
 * once filled the heap through per-method meters; the meters no longer carry the method
 * ({@code VertxFactory}), and here:
 * <ul>
 *   <li>on each connection, before Vert.x sees the request, a method outside the nine standard ones
 *       ({@link #inbound()}) is renamed {@value #OTHER}: nothing past it (routing, logs) ever holds an
 *       attacker's method names;</li>
 *   <li>the first route answers {@value #OTHER} with 501, and a standard method the path does not serve
 *       with 405 and an {@code Allow} header ({@link #mount}); both with a reason.</li>
 * </ul>
 */
public final class StandardMethods {

  /** The name every non-standard method is given before Vert.x sees it. */
  public static final String OTHER = "OTHER";
  private static final io.netty.handler.codec.http.HttpMethod NETTY_OTHER =
      new io.netty.handler.codec.http.HttpMethod(OTHER);
  private static final Set<String> STANDARD = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS",
      "TRACE", "PATCH");

  private final BadInputLog badInput;
  private final Function<String, List<HttpMethod>> allowed;
  private final ChannelHandler inbound = new Renamer();

  /** @param allowed the methods a path serves */
  public StandardMethods(BadInputLog badInput, Function<String, List<HttpMethod>> allowed) {
    this.badInput = badInput;
    this.allowed = allowed;
  }

  /** The Netty handler that renames non-standard methods; one instance serves every connection. */
  public ChannelHandler inbound() {
    return inbound;
  }

  /** Adds the 405/501 route in front of {@code router}'s others, and a reason to its own 405s. */
  public void mount(Router router) {
    router.route().handler(this::check);
    router.errorHandler(405, ctx -> methodNotAllowed(ctx, allowed.apply(ctx.request().path())));
  }

  private void check(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    if (OTHER.equals(method.name())) {
      ErrorAnswers.send(ctx, 501, "unknown HTTP method: this gateway answers " + names(List.of(HttpMethod.GET,
          HttpMethod.HEAD, HttpMethod.POST, HttpMethod.OPTIONS)));
      return;
    }
    List<HttpMethod> served = allowed.apply(ctx.request().path());
    if (!served.contains(method)) {
      badInput.record(BadInputLog.Kind.METHOD_NOT_ALLOWED, method + " " + BadInputLog.abbreviate(ctx.request().path())
          + " from " + ctx.request().remoteAddress());
      methodNotAllowed(ctx, served);
      return;
    }
    ctx.next();
  }

  private static void methodNotAllowed(RoutingContext ctx, List<HttpMethod> served) {
    ctx.response().putHeader("Allow", names(served));
    ErrorAnswers.send(ctx, 405, ctx.request().method() + " is not allowed on "
        + BadInputLog.abbreviate(ctx.request().path()) + " (allowed: " + names(served) + ")");
  }

  private static String names(List<HttpMethod> methods) {
    StringBuilder sb = new StringBuilder();
    for (HttpMethod m : methods) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(m.name());
    }
    return sb.toString();
  }

  @ChannelHandler.Sharable
  private final class Renamer extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpRequest request && !STANDARD.contains(request.method().name())) {
        badInput.record(BadInputLog.Kind.UNKNOWN_METHOD, "'" + BadInputLog.abbreviate(request.method().name())
            + "' from " + ctx.channel().remoteAddress());
        request.setMethod(NETTY_OTHER);
      }
      ctx.fireChannelRead(msg);
    }
  }
}
