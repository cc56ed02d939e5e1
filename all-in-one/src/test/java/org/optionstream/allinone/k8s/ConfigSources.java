package org.optionstream.allinone.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The environment variables a module's code really reads, found in its sources at test time so the
 * list can never go stale: {@code env.string("NAME", ...)} and the other typed reads of
 * {@code org.optionstream.common.config.Env}, String constants used as variable names in classes that
 * use Env, and {@code ${NAME}} / {@code ${NAME:-default}} in logback configuration.
 */
final class ConfigSources {

  private static final Pattern ENV_READ =
      Pattern.compile("\\.(?:string|integer|longValue|decimal|bool|raw)\\(\\s*\"([A-Z][A-Z0-9_]*)\"");
  private static final Pattern CONSTANT =
      Pattern.compile("static\\s+final\\s+String\\s+\\w+\\s*=\\s*\"([A-Z][A-Z0-9]*_[A-Z0-9_]+)\"");
  private static final Pattern LOGBACK_VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::-[^}]*)?}");

  private ConfigSources() {
  }

  /** The repository's top directory (where cluster.xml and the parent pom are). */
  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.exists(dir.resolve("cluster.xml")) && Files.isDirectory(dir.resolve("k8s"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new AssertionError("repository root (with cluster.xml and k8s/) not found above " + Path.of("").toAbsolutePath());
  }

  /** Variables read by {@code module}'s main sources and resources. */
  static Set<String> variablesReadBy(Path module) {
    Set<String> names = new TreeSet<>();
    Path main = module.resolve("src/main");
    if (!Files.isDirectory(main)) {
      return names;
    }
    try (Stream<Path> files = Files.walk(main)) {
      files.filter(Files::isRegularFile).forEach(file -> {
        String name = file.getFileName().toString();
        if (name.endsWith(".java")) {
          String source = read(file);
          collect(ENV_READ, source, names);
          if (source.contains("Env")) {
            collect(CONSTANT, source, names);
          }
        } else if (name.endsWith(".xml")) {
          collect(LOGBACK_VARIABLE, read(file), names);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
  }

  private static void collect(Pattern pattern, String text, Set<String> into) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      into.add(m.group(1));
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
