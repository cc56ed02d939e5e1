package org.optionstream.allinone.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/** Blocking HTTP for test threads (never on an event loop): GETs and polling with a deadline. */
public final class Http {

  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private Http() {
  }

  /** The response, or empty when the server is not (yet) reachable. */
  public static Optional<HttpResponse<String>> get(String url) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
      return Optional.of(CLIENT.send(request, HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  public static Optional<HttpResponse<String>> post(String url) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
          .POST(HttpRequest.BodyPublishers.noBody()).build();
      return Optional.of(CLIENT.send(request, HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /**
   * Polls {@code url} every {@code interval} until a 200 response's body satisfies {@code accept};
   * returns that body, or throws with the last answer seen when {@code timeout} passes.
   */
  public static String awaitBody(String url, Predicate<String> accept, Duration timeout, Duration interval) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "(no answer)";
    while (System.nanoTime() < deadline) {
      Optional<HttpResponse<String>> response = get(url);
      if (response.isPresent()) {
        last = response.get().statusCode() + " " + abbreviate(response.get().body());
        if (response.get().statusCode() == 200 && accept.test(response.get().body())) {
          return response.get().body();
        }
      }
      pause(interval);
    }
    throw new AssertionError("no acceptable answer from " + url + " within " + timeout + "; last: " + last);
  }

  private static String abbreviate(String body) {
    return body.length() > 400 ? body.substring(0, 400) + "..." : body;
  }

  /** Waits between two polls of a condition that has its own deadline. */
  private static void pause(Duration interval) {
    java.util.concurrent.locks.LockSupport.parkNanos(interval.toNanos());
  }
}
