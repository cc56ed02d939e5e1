package org.optionstream.allinone.k8s;

import static org.optionstream.allinone.k8s.Kustomize.list;
import static org.optionstream.allinone.k8s.Kustomize.map;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Navigation over parsed manifests (plain maps from SnakeYAML). */
final class Manifests {

  private final List<Map<String, Object>> resources;
  private final String namespace;

  Manifests(List<Map<String, Object>> resources) {
    this.resources = resources;
    this.namespace = resources.stream()
        .map(r -> (String) map(r.get("metadata")).get("namespace"))
        .filter(ns -> ns != null)
        .findFirst()
        .orElse("default");
  }

  List<Map<String, Object>> all() {
    return resources;
  }

  String namespace() {
    return namespace;
  }

  List<Map<String, Object>> ofKind(String kind) {
    return resources.stream().filter(r -> kind.equals(r.get("kind"))).toList();
  }

  Optional<Map<String, Object>> find(String kind, String name) {
    return ofKind(kind).stream().filter(r -> name.equals(Kustomize.name(r))).findFirst();
  }

  Map<String, Object> get(String kind, String name) {
    return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + "/" + name));
  }

  static Map<String, Object> podTemplate(Map<String, Object> workload) {
    return map(map(workload.get("spec")).get("template"));
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> templateLabels(Map<String, Object> workload) {
    return (Map<String, String>) (Map<?, ?>) map(map(podTemplate(workload).get("metadata")).get("labels"));
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> matchLabels(Map<String, Object> selectorHolder) {
    return (Map<String, String>) (Map<?, ?>) map(map(selectorHolder.get("selector")).get("matchLabels"));
  }

  static Map<String, Object> podSpec(Map<String, Object> workload) {
    return map(podTemplate(workload).get("spec"));
  }

  static List<Map<String, Object>> containers(Map<String, Object> resource) {
    if (!List.of("Deployment", "StatefulSet").contains(resource.get("kind"))) {
      return List.of();
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object c : list(podSpec(resource).get("containers"))) {
      out.add(map(c));
    }
    return out;
  }

  static boolean selects(Map<String, String> selector, Map<String, String> labels) {
    return !selector.isEmpty() && selector.entrySet().stream()
        .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  /** containerPort by port name. */
  static Map<String, Integer> namedPorts(Map<String, Object> container) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (Object p : list(container.get("ports"))) {
      Map<String, Object> port = map(p);
      ports.put((String) port.get("name"), ((Number) port.get("containerPort")).intValue());
    }
    return ports;
  }

  /** A probe's or Service's port (a name or a number) as a number, via the container's ports. */
  static int resolvePort(Object port, Map<String, Object> container) {
    if (port instanceof Number n) {
      return n.intValue();
    }
    Integer resolved = namedPorts(container).get((String) port);
    if (resolved == null) {
      throw new AssertionError("port '" + port + "' is not a named port of container " + container.get("name"));
    }
    return resolved;
  }

  /** What a key of a Secret that no kustomization renders (created with kubectl) stands for in {@link #environment}. */
  static final String EXTERNAL_SECRET_VALUE = "<from a Secret created with kubectl>";

  /**
   * The environment the container's process sees: envFrom ConfigMaps, then env entries (literal
   * values, ConfigMap/Secret keys resolved here, the downward API as a placeholder). A key of a
   * Secret that is not rendered is {@link #EXTERNAL_SECRET_VALUE}, or absent when the reference is optional.
   */
  Map<String, String> environment(Map<String, Object> container) {
    Map<String, String> env = new LinkedHashMap<>();
    for (Object from : list(container.get("envFrom"))) {
      Map<String, Object> ref = map(map(from).get("configMapRef"));
      if (ref.isEmpty()) {
        throw new AssertionError("only configMapRef is used in envFrom");
      }
      map(get("ConfigMap", (String) ref.get("name")).get("data"))
          .forEach((k, v) -> env.put(k, String.valueOf(v)));
    }
    for (Object e : list(container.get("env"))) {
      Map<String, Object> entry = map(e);
      String name = (String) entry.get("name");
      if (entry.containsKey("value")) {
        env.put(name, String.valueOf(entry.get("value")));
        continue;
      }
      Map<String, Object> valueFrom = map(entry.get("valueFrom"));
      if (valueFrom.containsKey("configMapKeyRef")) {
        env.put(name, keyOf("ConfigMap", "data", map(valueFrom.get("configMapKeyRef"))));
      } else if (valueFrom.containsKey("secretKeyRef")) {
        Map<String, Object> ref = map(valueFrom.get("secretKeyRef"));
        if (find("Secret", (String) ref.get("name")).isPresent()) {
          env.put(name, keyOf("Secret", "stringData", ref));
        } else if (!Boolean.TRUE.equals(ref.get("optional"))) {
          env.put(name, EXTERNAL_SECRET_VALUE); // created with kubectl; the pod starts only once it exists
        }
      } else if (valueFrom.containsKey("fieldRef")) {
        env.put(name, "10.0.0.1");
      } else {
        throw new AssertionError("env " + name + " has an unknown valueFrom " + valueFrom.keySet());
      }
    }
    return env;
  }

  private String keyOf(String kind, String dataField, Map<String, Object> ref) {
    Map<String, Object> data = map(get(kind, (String) ref.get("name")).get(dataField));
    String key = (String) ref.get("key");
    if (!data.containsKey(key)) {
      throw new AssertionError(kind + "/" + ref.get("name") + " has no key " + key);
    }
    return String.valueOf(data.get(key));
  }
}
