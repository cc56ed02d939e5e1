package org.optionstream.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The operating system's TCP socket table (Linux: {@code /proc/net/tcp} and {@code /proc/net/tcp6}), to
 * check that a connection the gateway dropped is really gone rather than merely forgotten by Vert.x.
 */
public final class SocketTable {

  private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

  private SocketTable() {
  }

  /**
   * States (as Linux's hex codes, e.g. {@code 01} = ESTABLISHED) of the sockets of the connection between
   * local ports {@code a} and {@code b}, from either end; empty when the connection is gone.
   */
  public static List<String> states(int a, int b) {
    List<String> states = new ArrayList<>();
    boolean anyTable = false;
    for (Path table : TABLES) {
      if (!Files.isReadable(table)) {
        continue;
      }
      anyTable = true;
      try {
        for (String line : Files.readAllLines(table)) {
          String[] f = line.trim().split("\\s+");
          if (f.length < 4 || !f[1].contains(":")) {
            continue;
          }
          int local = port(f[1]);
          int remote = port(f[2]);
          if ((local == a && remote == b) || (local == b && remote == a)) {
            states.add(f[3]);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (!anyTable) {
      throw new AssertionError("no readable /proc/net/tcp: this check needs Linux");
    }
    return states;
  }

  private static int port(String hexAddress) {
    return Integer.parseInt(hexAddress.substring(hexAddress.lastIndexOf(':') + 1).toUpperCase(Locale.ROOT), 16);
  }
}
