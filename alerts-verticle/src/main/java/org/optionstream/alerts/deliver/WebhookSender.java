package org.optionstream.alerts.deliver;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs firings as JSON to rules' webhooks, asynchronously: a slow, hanging or failing endpoint holds only
 * its own connection, never the event loop, another rule or the pipeline. Each attempt is bounded by
 * {@code timeoutMs} (connect, and silence while waiting for the answer); a non-2xx answer or a failure is
 * retried up to {@code retries} times after {@code backoffMs}, doubled each time; a firing whose attempts
 * are all spent, or that finds {@code maxPending} deliveries already under way, is dead-lettered: counted
 * and logged, never retried again.
 */
public final class WebhookSender {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

  private final Vertx vertx;
  private final HttpClient client;
  private final long timeoutMs;
  private final int retries;
  private final long backoffMs;
  private final int maxPending;
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failedAttempts = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();
  private int pending;

  public WebhookSender(Vertx vertx, long timeoutMs, int retries, long backoffMs, int maxPending) {
    this.vertx = vertx;
    this.timeoutMs = timeoutMs;
    this.retries = retries;
    this.backoffMs = backoffMs;
    this.maxPending = maxPending;
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(maxPending));
  }

  /** Delivers {@code firing} to {@code url}; the future completes with whether it was delivered. */
  public Future<Boolean> send(String url, JsonObject firing) {
    if (pending >= maxPending) {
      return deadLetter(url, firing, "more than " + maxPending + " deliveries under way");
    }
    pending++;
    Buffer body = firing.toBuffer();
    return attempt(url, body, 0).transform(ar -> {
      pending--;
      if (ar.succeeded()) {
        delivered.incrementAndGet();
        return Future.succeededFuture(true);
      }
      return deadLetter(url, firing, ar.cause().getMessage());
    });
  }

  private Future<Void> attempt(String url, Buffer body, int attempt) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
        .setConnectTimeout(timeoutMs).setIdleTimeout(timeoutMs)
        .putHeader("content-type", "application/json");
    Future<Void> once = client.request(options)
        .compose(request -> request.send(body))
        .compose(response -> response.body().compose(ignored -> status(response)));
    return once.recover(failure -> {
      failedAttempts.incrementAndGet();
      if (attempt >= retries) {
        return Future.failedFuture(failure);
      }
      long delay = backoffMs << Math.min(attempt, 20);
      return vertx.timer(delay).compose(v -> attempt(url, body, attempt + 1));
    });
  }

  private static Future<Void> status(HttpClientResponse response) {
    int code = response.statusCode();
    return code >= 200 && code < 300 ? Future.succeededFuture() : Future.failedFuture("HTTP " + code);
  }

  private Future<Boolean> deadLetter(String url, JsonObject firing, String reason) {
    deadLettered.incrementAndGet();
    LOG.warn("webhook {} gave up on firing {}: {}", url, firing.getString("id"), reason);
    return Future.succeededFuture(false);
  }

  public long delivered() {
    return delivered.get();
  }

  public long failedAttempts() {
    return failedAttempts.get();
  }

  public long deadLettered() {
    return deadLettered.get();
  }

  public int pending() {
    return pending;
  }

  public Future<Void> close() {
    return client.close();
  }
}
