package org.optionstream.feed.upstox;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.FileSystemException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;

/**
 * Upstox's access token as the feed presents it: fixed from {@code UPSTOX_ACCESS_TOKEN}, or read from
 * {@code UPSTOX_ACCESS_TOKEN_FILE} (a mounted Secret) and read again by {@link #reload()}, so a
 * rotated token takes effect without a restart. Every token seen is handed to the {@link Redactor}
 * before it is used. Event-loop confined; the file is read without blocking.
 */
public final class AccessToken {

  private final Vertx vertx;
  private final String file;
  private final Redactor redactor;
  private String current;
  private String problem;

  /**
   * @param fixed the token from the environment (null when the file is used instead)
   * @param file  the path of the token file, or null
   */
  public AccessToken(Vertx vertx, String fixed, String file, Redactor redactor) {
    this.vertx = vertx;
    this.file = file;
    this.redactor = redactor;
    this.current = fixed;
    if (fixed != null) {
      redactor.add(fixed);
    }
    this.problem = fixed == null && file == null ? "no Upstox access token: set UPSTOX_ACCESS_TOKEN or UPSTOX_ACCESS_TOKEN_FILE"
        : null;
  }

  /** The token to present, or null when there is none (see {@link #problem()}). */
  public String current() {
    return current;
  }

  /** Why there is no token (null while there is one). */
  public String problem() {
    return current != null ? null : problem;
  }

  /** True when the token is read from a file, which {@link #reload()} reads again. */
  public boolean fromFile() {
    return file != null;
  }

  /**
   * Reads the file again; completes with true when it now holds a different, non-blank token (the
   * token in use then changes). A missing, unreadable or blank file keeps the token in use.
   */
  public Future<Boolean> reload() {
    if (file == null) {
      return Future.succeededFuture(false);
    }
    return vertx.fileSystem().readFile(file).map(bytes -> {
      String read = bytes.toString(StandardCharsets.UTF_8).trim();
      if (read.isEmpty()) {
        problem = "no Upstox access token: UPSTOX_ACCESS_TOKEN_FILE " + file + " is empty";
        return false;
      }
      problem = null;
      if (read.equals(current)) {
        return false;
      }
      redactor.add(read);
      current = read;
      return true;
    }).recover(e -> {
      problem = "no Upstox access token: UPSTOX_ACCESS_TOKEN_FILE " + file
          + (e instanceof FileSystemException && e.getCause() instanceof NoSuchFileException ? " does not exist"
          : " cannot be read (" + e.getMessage() + ")");
      return Future.succeededFuture(false);
    });
  }
}
