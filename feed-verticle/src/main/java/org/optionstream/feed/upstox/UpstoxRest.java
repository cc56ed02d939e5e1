package org.optionstream.feed.upstox;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.optionstream.upstox.UpstoxPaths;

/**
 * Upstox's REST endpoints the feed uses: V3 authorize (the single-use WebSocket URI), the V2
 * option chain (fallback while the socket is down, previous-day OI), V3 LTP quotes, and the
 * instruments master download. TLS certificates and host names are verified (Vert.x defaults,
 * never trust-all). The bearer token goes only to {@code apiUrl}'s origin (scheme, host and port):
 * an authorized call follows a redirect itself, at most {@value #MAX_REDIRECTS} hops and only within
 * that origin, and fails with {@link UpstoxRedirectRefusedException} rather than send anything to
 * another one. Error texts pass through the {@link Redactor}, so an upstream body that echoes the
 * request headers never carries the token into a log or an error. Every authorized call (each redirect
 * hop too) waits its turn in a {@link RestRateLimiter}, so the feed stays inside Upstox's REST limits
 * however many expiries it polls, and a 429 holds all calls for its {@code Retry-After}.
 */
public final class UpstoxRest {

  /** Redirects an authorized call follows within {@code apiUrl}'s origin before it gives up. */
  public static final int MAX_REDIRECTS = 3;
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  private final Vertx vertx;
  private final WebClient client;
  private final RestRateLimiter limiter;
  private final String apiUrl;
  private final Origin apiOrigin;
  private final Supplier<String> accessToken;
  private final Redactor redactor;

  /**
   * {@code redactor} removes the tokens from error texts; {@code accessToken} is what the calls present,
   * asked again for every call (a rotated token takes effect with the next one).
   */
  public UpstoxRest(Vertx vertx, String apiUrl, Supplier<String> accessToken, Redactor redactor) {
    this(vertx, apiUrl, accessToken, redactor, new RestRateLimiter(RestRateLimiter.UPSTOX, System::currentTimeMillis));
  }

  /** With {@code limiter} instead of Upstox's limits on the wall clock. */
  public UpstoxRest(Vertx vertx, String apiUrl, Supplier<String> accessToken, Redactor redactor, RestRateLimiter limiter) {
    this.vertx = vertx;
    this.limiter = limiter;
    this.client = WebClient.create(vertx, new WebClientOptions()
        .setUserAgent("optionstream-feed")
        .setVerifyHost(true)
        .setTrustAll(false)
        .setConnectTimeout(5_000)
        .setIdleTimeout(60)
        .setDecompressionSupported(true));
    this.apiUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
    this.apiOrigin = Origin.of(URI.create(this.apiUrl));
    this.accessToken = accessToken;
    this.redactor = redactor;
  }

  /** The authorized WebSocket URI (single use: call again before every reconnect). */
  public Future<String> authorize() {
    return getAuthorized("authorize", apiUrl + UpstoxPaths.AUTHORIZE)
        .map(r -> {
          JsonObject data = body(r, "authorize").getJsonObject("data");
          String uri = data == null ? null : data.getString("authorized_redirect_uri", data.getString("authorizedRedirectUri"));
          if (uri == null || uri.isBlank()) {
            throw new UpstoxHttpException("authorize", r.statusCode(), "no authorized_redirect_uri in the answer");
          }
          return uri;
        });
  }

  /** The {@code data} rows of the option chain of {@code indexKey} for {@code expiryIso} (yyyy-MM-dd). */
  public Future<JsonArray> optionChain(String indexKey, String expiryIso) {
    return getAuthorized("option chain",
            apiUrl + UpstoxPaths.OPTION_CHAIN + "?instrument_key=" + encode(indexKey) + "&expiry_date=" + expiryIso)
        .map(r -> {
          JsonArray data = body(r, "option chain").getJsonArray("data");
          return data == null ? new JsonArray() : data;
        });
  }

  /** Last prices of up to 500 keys, by instrument key (the answer is keyed by trading symbol; mapped back). */
  public Future<Map<String, Double>> lastPrices(List<String> instrumentKeys) {
    if (instrumentKeys.isEmpty() || instrumentKeys.size() > 500) {
      return Future.failedFuture(new IllegalArgumentException("LTP takes 1 to 500 keys, got " + instrumentKeys.size()));
    }
    String keys = String.join(",", instrumentKeys.stream().map(UpstoxRest::encode).toList());
    return getAuthorized("ltp", apiUrl + UpstoxPaths.LTP + "?instrument_key=" + keys)
        .map(r -> {
          JsonObject data = body(r, "ltp").getJsonObject("data", new JsonObject());
          Map<String, Double> prices = new HashMap<>();
          for (String name : data.fieldNames()) {
            JsonObject q = data.getJsonObject(name);
            if (q != null && q.getString("instrument_token") != null && q.getValue("last_price") instanceof Number n) {
              prices.put(q.getString("instrument_token"), n.doubleValue());
            }
          }
          return prices;
        });
  }

  /** Downloads a file (the gzipped instruments master) as raw bytes, with no credentials. */
  public Future<Buffer> download(String url) {
    return client.getAbs(url)
        .timeout(60_000)
        .send()
        .map(r -> {
          if (r.statusCode() / 100 != 2) {
            throw UpstoxHttpException.of("instruments download", r.statusCode(), r.bodyAsString(), redactor);
          }
          Buffer body = r.body();
          return body == null ? Buffer.buffer() : body;
        });
  }

  public void close() {
    client.close();
  }

  /**
   * GET with the bearer token, following redirects only within {@code apiUrl}'s origin (never
   * automatically: the client would repeat the header to any host).
   */
  private Future<HttpResponse<Buffer>> getAuthorized(String endpoint, String url) {
    return getAuthorized(endpoint, URI.create(url), 0);
  }

  private Future<HttpResponse<Buffer>> getAuthorized(String endpoint, URI url, int hops) {
    long waitMs = limiter.delayMs();
    if (waitMs > 0) {
      return vertx.timer(waitMs).compose(x -> getAuthorized(endpoint, url, hops));
    }
    limiter.record();
    return client.getAbs(url.toString())
        .followRedirects(false)
        .putHeader("Authorization", "Bearer " + accessToken.get())
        .putHeader("Accept", "application/json")
        .timeout(10_000)
        .send()
        .compose(r -> {
          if (r.statusCode() == 429) {
            long seconds = retryAfterSeconds(r.getHeader("Retry-After"));
            limiter.pauseUntil(System.currentTimeMillis() + seconds * 1000);
            return Future.failedFuture(UpstoxHttpException.of(endpoint + " (rate limited; Retry-After " + seconds + " s)",
                429, r.bodyAsString(), redactor));
          }
          String location = r.getHeader("Location");
          if (!REDIRECTS.contains(r.statusCode()) || location == null) {
            return Future.succeededFuture(r);
          }
          URI target;
          try {
            target = url.resolve(location.trim());
          } catch (IllegalArgumentException e) {
            return Future.failedFuture(new UpstoxHttpException(endpoint, r.statusCode(), "unusable redirect location"));
          }
          Origin origin = Origin.of(target);
          if (!apiOrigin.equals(origin)) {
            return Future.failedFuture(new UpstoxRedirectRefusedException(endpoint, r.statusCode(), origin, apiOrigin));
          }
          if (hops >= MAX_REDIRECTS) {
            return Future.failedFuture(new UpstoxHttpException(endpoint, r.statusCode(),
                "more than " + MAX_REDIRECTS + " redirects"));
          }
          return getAuthorized(endpoint, target, hops + 1);
        });
  }

  /** Retry-After as seconds (a number, or an HTTP date); 1 when absent or unreadable. */
  static long retryAfterSeconds(String header) {
    if (header == null || header.isBlank()) {
      return 1;
    }
    try {
      return Math.max(1, Long.parseLong(header.trim()));
    } catch (NumberFormatException notSeconds) {
      try {
        long at = java.time.ZonedDateTime.parse(header.trim(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
            .toInstant().toEpochMilli();
        return Math.max(1, (at - System.currentTimeMillis() + 999) / 1000);
      } catch (java.time.format.DateTimeParseException notADate) {
        return 1;
      }
    }
  }

  private JsonObject body(HttpResponse<Buffer> r, String endpoint) {
    if (r.statusCode() / 100 != 2) {
      throw UpstoxHttpException.of(endpoint, r.statusCode(), r.bodyAsString(), redactor);
    }
    try {
      return r.bodyAsJsonObject();
    } catch (RuntimeException e) {
      throw UpstoxHttpException.of(endpoint + " (body is not JSON)", r.statusCode(), r.bodyAsString(), redactor);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
