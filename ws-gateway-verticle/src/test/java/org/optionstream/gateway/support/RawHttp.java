package org.optionstream.gateway.support;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Raw HTTP/1.1 over a connection of its own for every exchange (a Vert.x NetClient, nothing pooled): for
 * requests an HTTP client would refuse to send (unknown methods, overlong lines, broken syntax) and for
 * watching what the server does with the connection. Each exchange has its own deadline, and its failure
 * says what was received by then.
 */
public final class RawHttp {

  private RawHttp() {
  }

  /** One parsed answer: status, headers (lower-case names), body. */
  public record Answer(int status, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /**
   * Sends {@code request} as is on a new connection and reads until the server closes it (send
   * {@code Connection: close} in the request for a server that keeps connections alive).
   */
  public static Future<Answer> exchange(Vertx vertx, int port, String request, long timeoutMs) {
    return exchange(vertx, port, Buffer.buffer(request, "ISO-8859-1"), timeoutMs, null);
  }

  /**
   * Like {@link #exchange(Vertx, int, String, long)}, from {@code localAddress} when not null (any
   * 127.x.y.z address works on Linux loopback).
   */
  public static Future<Answer> exchange(Vertx vertx, int port, Buffer request, long timeoutMs, String localAddress) {
    return readUntil(vertx, port, request, timeoutMs, localAddress, received -> false, true).map(RawHttp::parse);
  }

  /**
   * Sends {@code request} and completes with everything received once {@code done} holds for it or the
   * server closed the connection ({@code untilClose}: only when it closed); fails at the deadline.
   */
  public static Future<Buffer> readUntil(Vertx vertx, int port, Buffer request, long timeoutMs, String localAddress,
      Predicate<Buffer> done, boolean untilClose) {
    NetClientOptions options = new NetClientOptions().setConnectTimeout((int) timeoutMs);
    if (localAddress != null) {
      options.setLocalAddress(localAddress);
    }
    NetClient client = vertx.createNetClient(options);
    Promise<Buffer> result = Promise.promise();
    Buffer received = Buffer.buffer();
    long timer = vertx.setTimer(timeoutMs, t -> result.tryFail("no complete answer within " + timeoutMs + " ms to "
        + firstLine(request) + "; received " + received.length() + " bytes: " + preview(received)));
    client.connect(port, "127.0.0.1").onComplete(connected -> {
      if (connected.failed()) {
        result.tryFail(connected.cause());
        return;
      }
      NetSocket socket = connected.result();
      socket.handler(data -> {
        received.appendBuffer(data);
        if (!untilClose && done.test(received)) {
          result.tryComplete(received);
          socket.close();
        }
      });
      socket.closeHandler(v -> result.tryComplete(received));
      socket.exceptionHandler(err -> result.tryComplete(received));
      socket.write(request);
    });
    return result.future().onComplete(ar -> {
      vertx.cancelTimer(timer);
      client.close();
    });
  }

  /** The first answer in {@code raw} (status line, headers, the rest as body). */
  public static Answer parse(Buffer raw) {
    String text = raw.toString(StandardCharsets.ISO_8859_1);
    int headEnd = text.indexOf("\r\n\r\n");
    if (!text.startsWith("HTTP/1.") || headEnd < 0) {
      throw new AssertionError("not an HTTP answer: " + preview(raw));
    }
    String[] lines = text.substring(0, headEnd).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
    }
    String body = new String(raw.getBytes(headEnd + 4, raw.length()), StandardCharsets.UTF_8);
    return new Answer(status, headers, body);
  }

  private static String firstLine(Buffer request) {
    String s = request.getString(0, Math.min(request.length(), 120), "ISO-8859-1");
    int end = s.indexOf('\r');
    return end < 0 ? s : s.substring(0, end);
  }

  private static String preview(Buffer raw) {
    String s = raw.getString(0, Math.min(raw.length(), 300), "ISO-8859-1");
    return s.replace("\r", "\\r").replace("\n", "\\n");
  }
}
