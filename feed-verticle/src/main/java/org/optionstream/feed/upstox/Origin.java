package org.optionstream.feed.upstox;

import java.net.URI;
import java.util.Locale;

/** Scheme, host and port of a URL (the port made explicit): where a credential may be sent. */
public record Origin(String scheme, String host, int port) {

  public static Origin of(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    int port = uri.getPort() >= 0 ? uri.getPort() : switch (scheme) {
      case "https", "wss" -> 443;
      case "http", "ws" -> 80;
      default -> -1;
    };
    return new Origin(scheme, host, port);
  }

  @Override
  public String toString() {
    return scheme + "://" + host + ":" + port;
  }
}
