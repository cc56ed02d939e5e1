package org.optionstream.alerts.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only file of JSON objects, one per line, written through Vert.x's asynchronous file system
 * with {@code DSYNC} (each write is on disk when it completes). A torn last line (a process killed while
 * writing) is skipped with one warning when the file is read back; {@link #rewrite} replaces the file
 * atomically (a new file renamed over the old one), which is how it is compacted.
 */
public final class JsonLinesFile {

  private static final Logger LOG = LoggerFactory.getLogger(JsonLinesFile.class);

  private final Vertx vertx;
  private final String path;
  private AsyncFile file;
  private long position;

  public JsonLinesFile(Vertx vertx, String path) {
    this.vertx = vertx;
    this.path = path;
  }

  public String path() {
    return path;
  }

  /** Every object in the file, oldest first (none when it does not exist). */
  public Future<List<JsonObject>> read() {
    return vertx.fileSystem().exists(path).compose(exists -> exists
        ? vertx.fileSystem().readFile(path).map(this::parse)
        : Future.succeededFuture(List.of()));
  }

  private List<JsonObject> parse(Buffer content) {
    List<JsonObject> objects = new ArrayList<>();
    int bad = 0;
    for (String line : content.toString().split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      try {
        objects.add(new JsonObject(line));
      } catch (DecodeException e) {
        bad++;
      }
    }
    if (bad > 0) {
      LOG.warn("{}: skipped {} unreadable line(s)", path, bad);
    }
    return objects;
  }

  /** Replaces the file's content with {@code objects} and opens it for appending. */
  public Future<Void> rewrite(List<JsonObject> objects) {
    Buffer content = Buffer.buffer();
    objects.forEach(o -> content.appendString(o.encode()).appendByte((byte) '\n'));
    String temporary = path + ".new";
    String parent = java.nio.file.Path.of(path).toAbsolutePath().getParent().toString();
    return vertx.fileSystem().mkdirs(parent)
        .compose(v -> vertx.fileSystem().writeFile(temporary, content))
        .compose(v -> vertx.fileSystem().move(temporary, path,
            new io.vertx.core.file.CopyOptions().setReplaceExisting(true).setAtomicMove(true)))
        .compose(v -> close())
        .compose(v -> vertx.fileSystem().open(path, new OpenOptions().setAppend(true).setDsync(true)))
        .map(opened -> {
          file = opened;
          position = content.length();
          return null;
        });
  }

  /** Appends one object (after {@link #rewrite} opened the file). */
  public Future<Void> append(JsonObject object) {
    Buffer line = Buffer.buffer(object.encode()).appendByte((byte) '\n');
    long at = position;
    position += line.length();
    return file.write(line, at);
  }

  public Future<Void> close() {
    AsyncFile open = file;
    file = null;
    return open == null ? Future.succeededFuture() : open.close();
  }
}
