package org.optionstream.alerts.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where rules live. While the cluster runs, the clustered map {@code optionstream.alerts.rules} (rule id →
 * rule document, replicated by Hazelcast to a backup member) is the truth; every alerts member also keeps
 * every change in its own {@link JsonLinesFile}, {@code {change: created|deleted, rule}} per line, so rules
 * survive the whole cluster stopping. The first member of a new cluster (the one that puts the
 * {@code seeded} mark into {@code optionstream.alerts.meta}) loads its file into the map; the others adopt
 * the map, and every member rewrites its file as the map's content (compacting it).
 */
public final class RuleStore {

  private static final String RULES_MAP = "optionstream.alerts.rules";
  private static final String META_MAP = "optionstream.alerts.meta";

  private final Vertx vertx;
  private final JsonLinesFile file;
  private AsyncMap<String, JsonObject> rules;

  public RuleStore(Vertx vertx, JsonLinesFile file) {
    this.vertx = vertx;
    this.file = file;
  }

  /**
   * Opens the map (seeding it from the file when this member is the cluster's first) and returns every rule
   * document by id. {@code seeded} is true when this member seeded the map.
   */
  public Future<Loaded> load() {
    Future<AsyncMap<String, JsonObject>> map = vertx.sharedData().getAsyncMap(RULES_MAP);
    Future<AsyncMap<String, Boolean>> meta = vertx.sharedData().getAsyncMap(META_MAP);
    return Future.all(map, meta).compose(opened -> {
      rules = map.result();
      return meta.result().putIfAbsent("seeded", true);
    }).compose(previous -> previous != null
        ? adopt(false)
        : file.read().compose(changes -> {
          List<Future<JsonObject>> puts = new ArrayList<>();
          replay(changes).forEach((id, rule) -> puts.add(rules.putIfAbsent(id, rule)));
          return Future.all(puts);
        }).compose(v -> adopt(true)));
  }

  /** The map's rules by id (e.g. after another member seeded it). */
  public Future<Map<String, JsonObject>> entries() {
    return rules.entries();
  }

  private Future<Loaded> adopt(boolean seeded) {
    return rules.entries().compose(all -> {
      List<JsonObject> snapshot = new ArrayList<>();
      all.values().forEach(rule -> snapshot.add(created(rule)));
      return file.rewrite(snapshot).map(v -> new Loaded(all, seeded));
    });
  }

  /** What {@link #load()} found. */
  public record Loaded(Map<String, JsonObject> rules, boolean seeded) {
  }

  public Future<Void> put(String id, JsonObject rule) {
    return rules.put(id, rule);
  }

  /** Removes a rule from the map; the future holds the removed document, or null when there was none. */
  public Future<JsonObject> remove(String id) {
    return rules.remove(id);
  }

  public Future<JsonObject> get(String id) {
    return rules.get(id);
  }

  /** Keeps one change in this member's file. */
  public Future<Void> record(JsonObject change) {
    return file.append(change);
  }

  public Future<Void> close() {
    return file.close();
  }

  public static JsonObject created(JsonObject rule) {
    return new JsonObject().put("change", "created").put("rule", rule);
  }

  public static JsonObject deleted(JsonObject rule) {
    return new JsonObject().put("change", "deleted").put("rule", rule);
  }

  /** The rules a file's changes leave, by id, in creation order. */
  static Map<String, JsonObject> replay(List<JsonObject> changes) {
    Map<String, JsonObject> live = new LinkedHashMap<>();
    for (JsonObject change : changes) {
      JsonObject rule = change.getJsonObject("rule");
      String id = rule == null ? null : rule.getString("id");
      if (id == null) {
        continue;
      }
      if ("deleted".equals(change.getString("change"))) {
        live.remove(id);
      } else {
        live.put(id, rule);
      }
    }
    return live;
  }
}
