package org.optionstream.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.optionstream.common.config.Env;

/**
 * The gateway's settings, read once from the environment.
 *
 * @param httpHost interface the HTTP server binds ({@code HTTP_HOST}, default 0.0.0.0)
 * @param httpPort HTTP port ({@code HTTP_PORT}, default 8080; 0 = any free port, for tests)
 * @param token shared secret for {@code /api}, {@code /ws} and {@code /eventbus} ({@code GATEWAY_TOKEN};
 *     {@code GATEWAY_AUTH=token} refuses to start without it, see {@link #checkAuth});
 *     null = open access
 * @param flushIntervalMs how often conflated updates are written to clients, milliseconds
 *     ({@code GATEWAY_FLUSH_INTERVAL_MS}, default 0 = as soon as the event loop is free, coalescing only
 *     what arrives while it is busy; a positive period bounds the fan-out work whatever the rate, at the
 *     price of up to that much latency)
 * @param clientMaxInflightBytes bytes written to one client and not yet accepted by its socket above which
 *     further updates for it are conflated (latest per instrument) instead of queued
 *     ({@code GATEWAY_CLIENT_MAX_INFLIGHT_BYTES}, default 65536: small, so that what waits for a slow client
 *     is conflated rather than already written and stale)
 * @param socketSendBufferBytes kernel send buffer of each client connection ({@code GATEWAY_SOCKET_SEND_BUFFER_BYTES},
 *     default 131072; 0 = the operating system's auto-tuning, which lets megabytes of stale updates queue
 *     in the kernel for a slow client)
 * @param slowClientCloseMs a client whose conflated backlog has not emptied for this long is closed,
 *     milliseconds ({@code GATEWAY_SLOW_CLIENT_CLOSE_MS}, default 15000)
 * @param warmupRetryMs pause between snapshot requests while a cache is still cold, milliseconds
 *     ({@code GATEWAY_WARMUP_RETRY_MS}, default 2000)
 * @param requestTimeoutMs timeout of the gateway's own snapshot and status requests, milliseconds
 *     ({@code GATEWAY_REQUEST_TIMEOUT_MS}, default 5000)
 * @param clusterPollMs how often cluster membership is read, milliseconds ({@code GATEWAY_CLUSTER_POLL_MS},
 *     default 2000)
 * @param allowedOrigins browser origins ({@code scheme://host[:port]}) besides the gateway's own that may use
 *     {@code /api}, {@code /ws} and {@code /eventbus} ({@code GATEWAY_ALLOWED_ORIGINS}, comma-separated, default
 *     none: same origin only; {@code *} allows every origin)
 * @param idleTimeoutSeconds a connection that neither reads nor completes a write for this long is closed,
 *     seconds ({@code GATEWAY_IDLE_TIMEOUT_SECONDS}, default 120)
 * @param wsPingIntervalSeconds every WebSocket is pinged this often and reset when it has sent nothing since
 *     the previous ping, seconds ({@code GATEWAY_WS_PING_INTERVAL_SECONDS}, default 30; below the idle timeout)
 * @param handshakeTimeoutSeconds a connection whose first request head (the WebSocket handshake included)
 *     has not arrived within this long is reset, seconds ({@code GATEWAY_HANDSHAKE_TIMEOUT_SECONDS}, default 10)
 * @param maxConnections open connections above which further ones get only {@code /health/*} answered
 *     ({@code GATEWAY_MAX_CONNECTIONS}, default 10000)
 * @param maxConnectionsPerAddress the same bound per remote IP address
 *     ({@code GATEWAY_MAX_CONNECTIONS_PER_ADDRESS}, default 2000)
 * @param maxBodyBytes largest request body accepted (SockJS sends, {@code POST /api/greeks}), bytes
 *     ({@code GATEWAY_MAX_BODY_BYTES}, default 131072); larger ones get 413
 * @param deafAfterMs how long the gateway may hear no greeks update while the feed is LIVE, or no
 *     {@code feed.status} while the feed answers, before it reports not ready, milliseconds
 *     ({@code GATEWAY_DEAF_AFTER_MS}, default 6000: three of the feed's 2 s status heartbeats)
 */
public record GatewayConfig(
    String httpHost,
    int httpPort,
    String token,
    long flushIntervalMs,
    long clientMaxInflightBytes,
    int socketSendBufferBytes,
    long slowClientCloseMs,
    long warmupRetryMs,
    long requestTimeoutMs,
    long clusterPollMs,
    List<String> allowedOrigins,
    int idleTimeoutSeconds,
    int wsPingIntervalSeconds,
    int handshakeTimeoutSeconds,
    int maxConnections,
    int maxConnectionsPerAddress,
    int maxBodyBytes,
    long deafAfterMs) {

  public GatewayConfig {
    if (httpPort < 0 || httpPort > 65535) {
      throw new IllegalArgumentException("HTTP_PORT must be 0..65535, got " + httpPort);
    }
    if (flushIntervalMs < 0) {
      throw new IllegalArgumentException("GATEWAY_FLUSH_INTERVAL_MS must be >= 0, got " + flushIntervalMs);
    }
    requirePositive("GATEWAY_CLIENT_MAX_INFLIGHT_BYTES", clientMaxInflightBytes);
    requirePositive("GATEWAY_SLOW_CLIENT_CLOSE_MS", slowClientCloseMs);
    if (socketSendBufferBytes < 0) {
      throw new IllegalArgumentException("GATEWAY_SOCKET_SEND_BUFFER_BYTES must be >= 0, got " + socketSendBufferBytes);
    }
    requirePositive("GATEWAY_WARMUP_RETRY_MS", warmupRetryMs);
    requirePositive("GATEWAY_REQUEST_TIMEOUT_MS", requestTimeoutMs);
    requirePositive("GATEWAY_CLUSTER_POLL_MS", clusterPollMs);
    allowedOrigins = List.copyOf(allowedOrigins);
    requirePositive("GATEWAY_IDLE_TIMEOUT_SECONDS", idleTimeoutSeconds);
    requirePositive("GATEWAY_WS_PING_INTERVAL_SECONDS", wsPingIntervalSeconds);
    if (wsPingIntervalSeconds >= idleTimeoutSeconds) {
      throw new IllegalArgumentException("GATEWAY_WS_PING_INTERVAL_SECONDS (" + wsPingIntervalSeconds
          + ") must be below GATEWAY_IDLE_TIMEOUT_SECONDS (" + idleTimeoutSeconds + "), or quiet WebSockets time out");
    }
    requirePositive("GATEWAY_HANDSHAKE_TIMEOUT_SECONDS", handshakeTimeoutSeconds);
    requirePositive("GATEWAY_DEAF_AFTER_MS", deafAfterMs);
    requirePositive("GATEWAY_MAX_CONNECTIONS", maxConnections);
    requirePositive("GATEWAY_MAX_CONNECTIONS_PER_ADDRESS", maxConnectionsPerAddress);
    requirePositive("GATEWAY_MAX_BODY_BYTES", maxBodyBytes);
  }

  public static final String AUTH_TOKEN = "token";
  public static final String AUTH_NONE = "none";
  /** An origin as browsers send it: scheme, host, optional port, nothing else. */
  private static final Pattern ORIGIN = Pattern.compile("https?://[a-z0-9.\\[\\]:-]+");
  private static final String BLANK_TOKEN = "GATEWAY_TOKEN is set but blank: refusing to start without authentication;"
      + " unset it for open access or give it a value";

  /**
   * Checks {@code GATEWAY_AUTH} against the token: {@code token} (the default when a token is set)
   * refuses to start without one, so a deployment that means to be protected can never start open;
   * {@code none} (the default without a token) says an open gateway is intended, and refuses a token
   * beside it, which would be a contradiction.
   *
   * @param auth  {@code GATEWAY_AUTH} as configured, null when unset
   * @param token {@code GATEWAY_TOKEN}, null when unset
   */
  public static void checkAuth(String auth, String token) {
    String mode = auth == null ? (token == null ? AUTH_NONE : AUTH_TOKEN) : auth.trim();
    switch (mode) {
      case AUTH_TOKEN -> {
        if (token == null) {
          throw new IllegalArgumentException("GATEWAY_AUTH=token but GATEWAY_TOKEN is unset: refusing to start an"
              + " open gateway");
        }
      }
      case AUTH_NONE -> {
        if (token != null) {
          throw new IllegalArgumentException("GATEWAY_AUTH=none but GATEWAY_TOKEN is set: say one or the other");
        }
      }
      default -> throw new IllegalArgumentException("GATEWAY_AUTH must be " + AUTH_TOKEN + " or " + AUTH_NONE
          + ", got '" + auth + "'");
    }
  }

  /**
   * Refuses a {@code GATEWAY_TOKEN} that is present but blank ({@link Env} reads a blank value as unset,
   * which would silently mean open access).
   *
   * @param rawValue the variable exactly as the process environment holds it, null when unset
   */
  public static void rejectBlankToken(String rawValue) {
    if (rawValue != null && rawValue.isBlank()) {
      throw new IllegalArgumentException(BLANK_TOKEN);
    }
  }

  public static GatewayConfig from(Env env) {
    checkAuth(env.raw("GATEWAY_AUTH"), env.raw("GATEWAY_TOKEN"));
    return new GatewayConfig(
        env.string("HTTP_HOST", "0.0.0.0"),
        env.integer("HTTP_PORT", 8080),
        env.raw("GATEWAY_TOKEN"),
        env.longValue("GATEWAY_FLUSH_INTERVAL_MS", 0),
        env.longValue("GATEWAY_CLIENT_MAX_INFLIGHT_BYTES", 64 * 1024),
        env.integer("GATEWAY_SOCKET_SEND_BUFFER_BYTES", 128 * 1024),
        env.longValue("GATEWAY_SLOW_CLIENT_CLOSE_MS", 15_000),
        env.longValue("GATEWAY_WARMUP_RETRY_MS", 2_000),
        env.longValue("GATEWAY_REQUEST_TIMEOUT_MS", 5_000),
        env.longValue("GATEWAY_CLUSTER_POLL_MS", 2_000),
        origins(env.raw("GATEWAY_ALLOWED_ORIGINS")),
        env.integer("GATEWAY_IDLE_TIMEOUT_SECONDS", 120),
        env.integer("GATEWAY_WS_PING_INTERVAL_SECONDS", 30),
        env.integer("GATEWAY_HANDSHAKE_TIMEOUT_SECONDS", 10),
        env.integer("GATEWAY_MAX_CONNECTIONS", 10_000),
        env.integer("GATEWAY_MAX_CONNECTIONS_PER_ADDRESS", 2_000),
        env.integer("GATEWAY_MAX_BODY_BYTES", 128 * 1024),
        env.longValue("GATEWAY_DEAF_AFTER_MS", 6_000));
  }

  /**
   * {@code GATEWAY_ALLOWED_ORIGINS}: comma-separated origins, each {@code *} or {@code http(s)://host[:port]}
   * (no path), compared in lower case.
   */
  static List<String> origins(String value) {
    List<String> origins = new ArrayList<>();
    if (value == null) {
      return origins;
    }
    for (String part : value.split(",")) {
      String origin = part.trim().toLowerCase(Locale.ROOT);
      if (origin.isEmpty()) {
        continue;
      }
      if (!origin.equals("*") && !ORIGIN.matcher(origin).matches()) {
        throw new IllegalArgumentException("GATEWAY_ALLOWED_ORIGINS entries must be * or scheme://host[:port]"
            + " like https://dash.example.com, got '" + part.trim() + "'");
      }
      origins.add(origin);
    }
    return origins;
  }

  /** True when a token is configured. */
  public boolean tokenRequired() {
    return token != null;
  }

  private static void requirePositive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, got " + value);
    }
  }
}
