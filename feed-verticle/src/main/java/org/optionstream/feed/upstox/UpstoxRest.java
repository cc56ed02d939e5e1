package org.optionstream.feed.upstox;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Upstox's REST endpoints the feed uses: V3 authorize (the single-use WebSocket URI), the V2
 * option chain (fallback while the socket is down, previous-day OI), V3 LTP quotes, and the
 * instruments master download. TLS certificates and host names are verified (Vert.x defaults,
 * never trust-all). The bearer token goes only to {@code apiUrl} and never into a log or an error.
 */
public final class UpstoxRest {

  public static final String AUTHORIZE_PATH = "/v3/feed/market-data-feed/authorize";
  public static final String OPTION_CHAIN_PATH = "/v2/option/chain";
  public static final String LTP_PATH = "/v3/market-quote/ltp";

  private final WebClient client;
  private final String apiUrl;
  private final String authorization;

  public UpstoxRest(Vertx vertx, String apiUrl, String accessToken) {
    this.client = WebClient.create(vertx, new WebClientOptions()
        .setUserAgent("optionstream-feed")
        .setVerifyHost(true)
        .setTrustAll(false)
        .setConnectTimeout(5_000)
        .setIdleTimeout(60)
        .setDecompressionSupported(true));
    this.apiUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
    this.authorization = "Bearer " + accessToken;
  }

  /** The authorized WebSocket URI (single use: call again before every reconnect). */
  public Future<String> authorize() {
    return client.getAbs(apiUrl + AUTHORIZE_PATH)
        .putHeader("Authorization", authorization)
        .putHeader("Accept", "application/json")
        .timeout(10_000)
        .send()
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
    return client.getAbs(apiUrl + OPTION_CHAIN_PATH + "?instrument_key=" + encode(indexKey) + "&expiry_date=" + expiryIso)
        .putHeader("Authorization", authorization)
        .putHeader("Accept", "application/json")
        .timeout(10_000)
        .send()
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
    return client.getAbs(apiUrl + LTP_PATH + "?instrument_key=" + keys)
        .putHeader("Authorization", authorization)
        .putHeader("Accept", "application/json")
        .timeout(10_000)
        .send()
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
            throw new UpstoxHttpException("instruments download", r.statusCode(), sample(r.bodyAsString()));
          }
          Buffer body = r.body();
          return body == null ? Buffer.buffer() : body;
        });
  }

  public void close() {
    client.close();
  }

  private static JsonObject body(HttpResponse<Buffer> r, String endpoint) {
    if (r.statusCode() / 100 != 2) {
      throw new UpstoxHttpException(endpoint, r.statusCode(), sample(r.bodyAsString()));
    }
    try {
      return r.bodyAsJsonObject();
    } catch (RuntimeException e) {
      throw new UpstoxHttpException(endpoint, r.statusCode(), "body is not JSON: " + sample(r.bodyAsString()));
    }
  }

  private static String sample(String body) {
    if (body == null) {
      return "";
    }
    return body.length() <= 200 ? body : body.substring(0, 197) + "...";
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
