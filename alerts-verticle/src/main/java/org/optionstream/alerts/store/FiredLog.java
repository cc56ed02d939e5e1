package org.optionstream.alerts.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The firings this member has seen, newest {@code keep} in memory for queries and all of them in a
 * {@link JsonLinesFile} (compacted to the newest {@code keep} when loaded). A firing is recorded once by its
 * {@code id}, however often it arrives.
 */
public final class FiredLog {

  private final JsonLinesFile file;
  private final int keep;
  private final ArrayDeque<JsonObject> firings = new ArrayDeque<>();
  private final Set<String> ids = new HashSet<>();

  public FiredLog(JsonLinesFile file, int keep) {
    this.file = file;
    this.keep = keep;
  }

  /** Reads the file back, keeps the newest {@code keep}, and rewrites it with just those. */
  public Future<Void> load() {
    return file.read().compose(stored -> {
      stored.forEach(this::remember);
      return file.rewrite(List.copyOf(firings));
    });
  }

  /** Records a firing (once per id); the future completes when it is on disk. */
  public Future<Void> record(JsonObject firing) {
    return remember(firing) ? file.append(firing) : Future.succeededFuture();
  }

  private boolean remember(JsonObject firing) {
    String id = firing.getString("id");
    if (id == null || !ids.add(id)) {
      return false;
    }
    firings.addLast(firing);
    while (firings.size() > keep) {
      ids.remove(firings.removeFirst().getString("id"));
    }
    return true;
  }

  /** Firings with {@code fromMs <= firedAtMs <= toMs}, oldest first, at most {@code limit} (the newest ones). */
  public JsonArray between(long fromMs, long toMs, int limit) {
    ArrayDeque<JsonObject> selected = new ArrayDeque<>();
    var newestFirst = firings.descendingIterator();
    while (newestFirst.hasNext() && selected.size() < limit) {
      JsonObject f = newestFirst.next();
      long at = f.getLong("firedAtMs", 0L);
      if (at >= fromMs && at <= toMs) {
        selected.addFirst(f);
      }
    }
    return new JsonArray(List.copyOf(selected));
  }

  public int size() {
    return firings.size();
  }

  public Future<Void> close() {
    return file.close();
  }
}
