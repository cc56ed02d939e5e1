package org.optionstream.gateway.support;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client written by hand over a Vert.x NetClient, for what a well-behaved client never does:
 * send frames it compressed itself (RSV1), never answer pings. Reads the server's frames only far enough to
 * see the close frame and how the connection ends.
 */
public final class RawWebSocket {

  public static final int OPCODE_TEXT = 0x1;

  private final NetClient client;
  private final NetSocket socket;
  private final String handshakeAnswer;
  private final Promise<Integer> closeCode = Promise.promise();
  private final Promise<Void> ended = Promise.promise();
  private Buffer pending = Buffer.buffer();

  private RawWebSocket(NetClient client, NetSocket socket, String handshakeAnswer, Buffer rest) {
    this.client = client;
    this.socket = socket;
    this.handshakeAnswer = handshakeAnswer;
    socket.handler(this::onData);
    socket.closeHandler(v -> {
      closeCode.tryComplete(-1);
      ended.tryComplete();
      client.close();
    });
    socket.exceptionHandler(err -> { });
    onData(rest);
  }

  /**
   * Connects to {@code path} on 127.0.0.1:{@code port} with extra handshake headers (e.g.
   * {@code Sec-WebSocket-Extensions}); fails unless the server answers 101 within {@code timeoutMs}.
   */
  public static Future<RawWebSocket> connect(Vertx vertx, int port, String path, Map<String, String> headers,
      long timeoutMs) {
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    StringBuilder request = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n")
        .append("Host: 127.0.0.1:").append(port).append("\r\n")
        .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
        .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(nonce)).append("\r\n")
        .append("Sec-WebSocket-Version: 13\r\n");
    headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
    request.append("\r\n");
    NetClient client = vertx.createNetClient();
    Promise<RawWebSocket> opened = Promise.promise();
    Buffer head = Buffer.buffer();
    long timer = vertx.setTimer(timeoutMs, t -> opened.tryFail("no WebSocket handshake answer within " + timeoutMs
        + " ms on " + path + "; got: " + head));
    client.connect(port, "127.0.0.1").onComplete(ar -> {
      if (ar.failed()) {
        opened.tryFail(ar.cause());
        return;
      }
      NetSocket socket = ar.result();
      socket.handler(data -> {
        head.appendBuffer(data);
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end >= 0 && !opened.future().isComplete()) {
          String answer = text.substring(0, end);
          if (!answer.startsWith("HTTP/1.1 101")) {
            opened.tryFail("WebSocket upgrade refused: " + text);
            socket.close();
            return;
          }
          opened.tryComplete(new RawWebSocket(client, socket, answer, head.getBuffer(end + 4, head.length())));
        }
      });
      socket.closeHandler(v -> opened.tryFail("connection closed during the handshake; got: " + head));
      socket.write(request.toString());
    });
    return opened.future().onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.failed()) {
        client.close();
      }
    });
  }

  /** The server's 101 answer head. */
  public String handshakeAnswer() {
    return handshakeAnswer;
  }

  /** Sends one final, masked frame; {@code rsv1} marks its payload as compressed (permessage-deflate). */
  public Future<Void> send(int opcode, boolean rsv1, byte[] payload) {
    Buffer frame = Buffer.buffer(payload.length + 14);
    frame.appendByte((byte) (0x80 | (rsv1 ? 0x40 : 0) | opcode));
    if (payload.length < 126) {
      frame.appendByte((byte) (0x80 | payload.length));
    } else if (payload.length < 65536) {
      frame.appendByte((byte) (0x80 | 126)).appendShort((short) payload.length);
    } else {
      frame.appendByte((byte) (0x80 | 127)).appendLong(payload.length);
    }
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    frame.appendBytes(mask);
    byte[] masked = new byte[payload.length];
    for (int i = 0; i < payload.length; i++) {
      masked[i] = (byte) (payload[i] ^ mask[i & 3]);
    }
    return socket.write(frame.appendBytes(masked));
  }

  /** The code of the server's close frame; -1 when the connection ended without one. */
  public Future<Integer> closeCode() {
    return closeCode.future();
  }

  /** Completes when the TCP connection has ended (closed or reset). */
  public Future<Void> ended() {
    return ended.future();
  }

  /** The local port of this connection (to find it in the operating system's socket table). */
  public int localPort() {
    return socket.localAddress().port();
  }

  public void close() {
    socket.close();
  }

  /** Parses whole frames from what arrived; only close frames matter. */
  private void onData(Buffer data) {
    pending = pending.appendBuffer(data);
    while (pending.length() >= 2) {
      int opcode = pending.getByte(0) & 0x0f;
      int length = pending.getByte(1) & 0x7f;
      int offset = 2;
      if (length == 126) {
        if (pending.length() < 4) {
          return;
        }
        length = pending.getUnsignedShort(2);
        offset = 4;
      } else if (length == 127) {
        if (pending.length() < 10) {
          return;
        }
        length = (int) pending.getLong(2);
        offset = 10;
      }
      if (pending.length() < offset + length) {
        return;
      }
      if (opcode == 0x8) {
        closeCode.tryComplete(length >= 2 ? pending.getUnsignedShort(offset) : 1005);
      }
      pending = pending.getBuffer(offset + length, pending.length());
    }
  }
}
