package org.optionstream.gateway.bridge;

import java.util.Set;

/**
 * The SockJS request paths under the bridge's mount point: {@code <mount>/<server>/<session>/<transport>}.
 * Receiving transports hold a response open (streaming) or answer one poll at a time; {@code jsonp} and
 * {@code htmlfile} are loaded by the browser as a script and an iframe, which a page of any origin can do.
 */
final class SockJsTransports {

  static final Set<String> RECEIVING = Set.of("xhr_streaming", "xhr", "eventsource", "htmlfile", "jsonp");
  static final Set<String> SCRIPT_LOADED = Set.of("jsonp", "htmlfile");

  private final String mount;

  /** @param mount the bridge's path, e.g. {@code /eventbus} */
  SockJsTransports(String mount) {
    this.mount = mount + "/";
  }

  /** Whether {@code uri} (path and query) asks for a receiving transport. */
  boolean isReceiving(String uri) {
    String transport = transport(uri);
    return transport != null && RECEIVING.contains(transport);
  }

  /** Whether {@code uri} asks for a transport the browser loads as a script or iframe. */
  boolean isScriptLoaded(String uri) {
    String transport = transport(uri);
    return transport != null && SCRIPT_LOADED.contains(transport);
  }

  /** Whether {@code uri} asks for a WebSocket, SockJS-framed or raw ({@code <mount>/websocket}). */
  boolean isWebSocket(String uri) {
    int query = uri.indexOf('?');
    return (query < 0 ? uri : uri.substring(0, query)).endsWith("/websocket");
  }

  /** The transport a session request asks for ({@code xhr_streaming}, {@code websocket}, ...), or null. */
  String transport(String uri) {
    String[] parts = sessionPath(uri);
    return parts == null ? null : parts[2];
  }

  /** The session id of a session request, or null. */
  String session(String uri) {
    String[] parts = sessionPath(uri);
    return parts == null ? null : parts[1];
  }

  private String[] sessionPath(String uri) {
    if (uri == null || !uri.startsWith(mount)) {
      return null;
    }
    int query = uri.indexOf('?');
    String path = uri.substring(mount.length(), query < 0 ? uri.length() : query);
    String[] parts = path.split("/", -1);
    return parts.length == 3 && !parts[0].isEmpty() && !parts[1].isEmpty() ? parts : null;
  }
}
