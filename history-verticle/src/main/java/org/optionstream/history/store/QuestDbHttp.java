package org.optionstream.history.store;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A QuestDB server's HTTP port, used by the writer thread (blocking): line-protocol batches to
 * {@code POST /write} and statements to {@code GET /exec}. Distinguishes a server that cannot be reached
 * or answers 5xx ({@link Unavailable}: retry later) from one that refuses the request
 * ({@link Refused}: retrying the same bytes would be refused again).
 */
public final class QuestDbHttp {

  /** The server is down, unreachable or overloaded: the same request may succeed later. */
  public static final class Unavailable extends IOException {
    public Unavailable(String message) {
      super(message);
    }
  }

  /** The server refused the request (4xx): the reason is in the message. */
  public static final class Refused extends IOException {
    public Refused(String message) {
      super(message);
    }
  }

  private final URI base;
  private final String authorization;
  private final Duration timeout;
  private final HttpClient client;

  /**
   * @param baseUrl  {@code http://host:9000}
   * @param user     basic-auth user, null for none
   * @param password basic-auth password
   */
  public QuestDbHttp(String baseUrl, String user, String password, Duration timeout) {
    this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    this.authorization = user == null ? null
        : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** Sends line-protocol rows; returns when the server has committed them. */
  public void write(byte[] lines) throws IOException, InterruptedException {
    send(request("write").header("Content-Type", "text/plain; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofByteArray(lines)).build());
  }

  /** Runs one SQL statement; the server's JSON answer ({@code columns}, {@code dataset} for a query). */
  public JsonObject exec(String sql) throws IOException, InterruptedException {
    String body = send(request("exec?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8)).GET().build());
    return body.isBlank() ? new JsonObject() : new JsonObject(body);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder;
  }

  private String send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new Unavailable(base + " unreachable: " + e);
    }
    int status = response.statusCode();
    if (status >= 500) {
      throw new Unavailable(base + " answered " + status + ": " + response.body());
    }
    if (status >= 400) {
      throw new Refused(base + " refused the request (" + status + "): " + response.body());
    }
    return response.body();
  }
}
