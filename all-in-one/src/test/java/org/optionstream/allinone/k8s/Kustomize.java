package org.optionstream.allinone.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.Yaml;

/**
 * The part of {@code kustomize build} the project's manifests use, so a test can build an overlay
 * without the kustomize binary: {@code resources} (files, or directories with their own
 * kustomization.yaml), {@code namespace}, {@code images} (newName/newTag) and {@code patches} with a
 * {@code path} (strategic merge: maps merged, lists of named items merged by name, other lists
 * replaced). Any other kustomization field fails the build, so the test never silently ignores one.
 */
final class Kustomize {

  private static final List<String> SUPPORTED =
      List.of("apiVersion", "kind", "namespace", "resources", "images", "patches");
  private static final List<String> CLUSTER_SCOPED = List.of("Namespace");

  private Kustomize() {
  }

  /** The resources {@code dir/kustomization.yaml} produces, in order. */
  static List<Map<String, Object>> build(Path dir) {
    Map<String, Object> kustomization = single(dir.resolve("kustomization.yaml"));
    for (String key : kustomization.keySet()) {
      if (!SUPPORTED.contains(key)) {
        throw new AssertionError(dir + "/kustomization.yaml uses '" + key + "', which this builder does not know");
      }
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object entry : list(kustomization.get("resources"))) {
      Path path = dir.resolve((String) entry).normalize();
      if (Files.isDirectory(path)) {
        out.addAll(build(path));
      } else {
        out.addAll(loadAll(path));
      }
    }
    for (Object patchEntry : list(kustomization.get("patches"))) {
      Path patchPath = dir.resolve((String) map(patchEntry).get("path"));
      for (Map<String, Object> patch : loadAll(patchPath)) {
        Map<String, Object> target = out.stream()
            .filter(r -> Objects.equals(r.get("kind"), patch.get("kind")) && name(r).equals(name(patch)))
            .findFirst()
            .orElseThrow(() -> new AssertionError("patch " + patchPath + " targets " + patch.get("kind") + "/"
                + name(patch) + ", which no resource is"));
        merge(target, patch);
      }
    }
    for (Object imageEntry : list(kustomization.get("images"))) {
      Map<String, Object> image = map(imageEntry);
      int rewritten = rewriteImages(out, (String) image.get("name"), (String) image.get("newName"),
          image.get("newTag") == null ? null : image.get("newTag").toString());
      if (rewritten == 0) {
        throw new AssertionError("images entry " + image.get("name") + " in " + dir + " matches no container");
      }
    }
    Object namespace = kustomization.get("namespace");
    if (namespace != null) {
      for (Map<String, Object> resource : out) {
        if (!CLUSTER_SCOPED.contains(resource.get("kind"))) {
          map(resource.get("metadata")).put("namespace", namespace);
        }
      }
    }
    return out;
  }

  static List<Map<String, Object>> loadAll(Path file) {
    try {
      List<Map<String, Object>> docs = new ArrayList<>();
      for (Object doc : new Yaml().loadAll(Files.readString(file))) {
        if (doc != null) {
          docs.add(map(doc));
        }
      }
      return docs;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, Object> single(Path file) {
    List<Map<String, Object>> docs = loadAll(file);
    if (docs.size() != 1) {
      throw new AssertionError(file + " must hold one document, holds " + docs.size());
    }
    return docs.get(0);
  }

  static String name(Map<String, Object> resource) {
    return (String) map(resource.get("metadata")).get("name");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return o == null ? new LinkedHashMap<>() : (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    return o == null ? List.of() : (List<Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static void merge(Map<String, Object> target, Map<String, Object> patch) {
    for (var entry : patch.entrySet()) {
      Object current = target.get(entry.getKey());
      Object change = entry.getValue();
      if (current instanceof Map && change instanceof Map) {
        merge((Map<String, Object>) current, (Map<String, Object>) change);
      } else if (current instanceof List<?> currentList && change instanceof List<?> changeList
          && namedItems(currentList) && namedItems(changeList)) {
        List<Object> merged = new ArrayList<>(currentList);
        for (Object item : changeList) {
          Map<String, Object> named = (Map<String, Object>) item;
          merged.stream()
              .map(m -> (Map<String, Object>) m)
              .filter(m -> Objects.equals(m.get("name"), named.get("name")))
              .findFirst()
              .ifPresentOrElse(m -> merge(m, named), () -> merged.add(named));
        }
        target.put(entry.getKey(), merged);
      } else {
        target.put(entry.getKey(), change);
      }
    }
  }

  private static boolean namedItems(List<?> items) {
    return !items.isEmpty() && items.stream().allMatch(i -> i instanceof Map<?, ?> m && m.get("name") != null);
  }

  private static int rewriteImages(List<Map<String, Object>> resources, String name, String newName, String newTag) {
    int count = 0;
    for (Map<String, Object> resource : resources) {
      for (Map<String, Object> container : Manifests.containers(resource)) {
        String image = (String) container.get("image");
        int colon = image.lastIndexOf(':');
        boolean tagged = colon > image.lastIndexOf('/');
        String imageName = tagged ? image.substring(0, colon) : image;
        String tag = tagged ? image.substring(colon + 1) : null;
        if (imageName.equals(name)) {
          String finalTag = newTag != null ? newTag : tag;
          container.put("image", (newName != null ? newName : imageName) + (finalTag != null ? ":" + finalTag : ""));
          count++;
        }
      }
    }
    return count;
  }
}
