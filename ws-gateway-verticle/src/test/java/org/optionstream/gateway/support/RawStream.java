package org.optionstream.gateway.support;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One raw HTTP request whose answer keeps coming (a streaming response), on a connection of its own:
 * everything received so far can be awaited for a condition, each wait with its own deadline.
 */
public final class RawStream {

  private final Vertx vertx;
  private final NetClient client;
  private final StringBuilder received = new StringBuilder();
  private final List<Runnable> waiters = new ArrayList<>();
  private NetSocket socket;
  private boolean closed;

  private RawStream(Vertx vertx) {
    this.vertx = vertx;
    this.client = vertx.createNetClient();
  }

  /** Sends {@code request} to 127.0.0.1:{@code port} and keeps reading its answer. */
  public static Future<RawStream> open(Vertx vertx, int port, String request) {
    RawStream stream = new RawStream(vertx);
    return stream.client.connect(port, "127.0.0.1").map(socket -> {
      stream.socket = socket;
      socket.handler(stream::onData);
      socket.closeHandler(v -> {
        stream.closed = true;
        stream.wake();
      });
      socket.exceptionHandler(err -> { });
      socket.write(Buffer.buffer(request, "ISO-8859-1"));
      return stream;
    });
  }

  /** Completes once what was received (from the start) satisfies {@code condition}; fails at the deadline. */
  public Future<String> await(Predicate<String> condition, long timeoutMs, String what) {
    Promise<String> met = Promise.promise();
    Runnable check = () -> {
      String text = received.toString();
      if (condition.test(text)) {
        met.tryComplete(text);
      } else if (closed) {
        met.tryFail("the server closed the stream before " + what + "; received: " + preview(text));
      }
    };
    waiters.add(check);
    long timer = vertx.setTimer(timeoutMs, t -> met.tryFail("no " + what + " within " + timeoutMs + " ms; received "
        + received.length() + " chars: " + preview(received.toString())));
    check.run();
    return met.future().onComplete(ar -> {
      waiters.remove(check);
      vertx.cancelTimer(timer);
    });
  }

  public void close() {
    if (socket != null) {
      socket.close();
    }
    client.close();
  }

  private void onData(Buffer data) {
    received.append(data.toString(StandardCharsets.UTF_8));
    wake();
  }

  private void wake() {
    new ArrayList<>(waiters).forEach(Runnable::run);
  }

  private static String preview(String text) {
    String tail = text.length() <= 400 ? text : "..." + text.substring(text.length() - 400);
    return tail.replace("\r", "\\r").replace("\n", "\\n");
  }
}
