package org.optionstream.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.FieldDescriptor;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.optionstream.common.json.FeedState;
import org.optionstream.common.json.FeedStatus;
import org.optionstream.common.json.GreeksUpdate;
import org.optionstream.common.json.PcrUpdate;
import org.optionstream.common.tick.Tick;

/**
 * The event-bus contract as documented is the contract as coded: the address tables of the README and
 * of docs/event-bus.md list exactly the constants of {@link Addresses}, and docs/event-bus.md's field
 * tables list exactly the fields the tick and the public JSON messages carry. An address or a field
 * added without documentation fails the build, and so does documentation of one that is gone.
 */
class ContractDocumentedTest {

  private static final Path ROOT = repositoryRoot();
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  @Test
  void readmeAddressTableListsExactlyTheAddresses() throws IOException {
    assertThat(documentedNames("README.md", "## Event-bus addresses"))
        .as("addresses in README's table (section \"Event-bus addresses\") vs Addresses")
        .containsExactlyInAnyOrderElementsOf(addresses());
  }

  @Test
  void eventBusDocAddressTableListsExactlyTheAddresses() throws IOException {
    assertThat(documentedNames("docs/event-bus.md", "## Addresses"))
        .as("addresses in docs/event-bus.md's table vs Addresses")
        .containsExactlyInAnyOrderElementsOf(addresses());
  }

  @Test
  void tickFieldTableListsExactlyTheProtobufFields() throws IOException {
    Set<String> fields = new TreeSet<>();
    for (FieldDescriptor field : Tick.getDescriptor().getFields()) {
      fields.add(field.getName());
    }
    assertThat(documentedNames("docs/event-bus.md", "### `Tick`")).as("Tick fields in docs/event-bus.md vs tick.proto")
        .containsExactlyInAnyOrderElementsOf(fields);
  }

  @Test
  void greeksUpdateFieldTableListsExactlyTheJsonFields() throws IOException {
    GreeksUpdate unknownValues = GreeksUpdate.fromJson(new JsonObject().put("ivStatus", "OK"));
    assertThat(documentedNames("docs/event-bus.md", "### `greeks_update`"))
        .as("greeks_update fields in docs/event-bus.md vs GreeksUpdate.toJson")
        .containsExactlyInAnyOrderElementsOf(fieldPaths(unknownValues.toJson()));
  }

  @Test
  void pcrUpdateFieldTableListsExactlyTheJsonFields() throws IOException {
    PcrUpdate unknownValues = PcrUpdate.fromJson(new JsonObject());
    assertThat(documentedNames("docs/event-bus.md", "### `pcr_update`"))
        .as("pcr_update fields in docs/event-bus.md vs PcrUpdate.toJson")
        .containsExactlyInAnyOrderElementsOf(fieldPaths(unknownValues.toJson()));
  }

  @Test
  void feedStatusFieldTableListsExactlyTheJsonFields() throws IOException {
    FeedStatus status = new FeedStatus(FeedState.LIVE, 1, 1L, 1L, "live");
    assertThat(documentedNames("docs/event-bus.md", "### Feed status"))
        .as("feed status fields in docs/event-bus.md vs FeedStatus.toJson")
        .containsExactlyInAnyOrderElementsOf(fieldPaths(status.toJson()));
  }

  /** The values of the public String constants of {@link Addresses}. */
  private static Set<String> addresses() {
    Set<String> values = new TreeSet<>();
    for (Field field : Addresses.class.getDeclaredFields()) {
      int modifiers = field.getModifiers();
      if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && field.getType() == String.class) {
        try {
          values.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new AssertionError(e);
        }
      }
    }
    return values;
  }

  /** Member names of {@code json}; the members of a non-empty nested object as {@code outer.inner}. */
  private static Set<String> fieldPaths(JsonObject json) {
    Set<String> paths = new TreeSet<>();
    for (String name : json.fieldNames()) {
      if (json.getValue(name) instanceof JsonObject nested && !nested.isEmpty()) {
        fieldPaths(nested).forEach(inner -> paths.add(name + "." + inner));
      } else {
        paths.add(name);
      }
    }
    return paths;
  }

  /**
   * The names in the first column of the tables of one section of a Markdown file: every
   * {@code `code`} span in the first cell of each row that starts with one.
   */
  private static Set<String> documentedNames(String file, String headingStart) throws IOException {
    List<String> section = section(Files.readAllLines(ROOT.resolve(file)), headingStart, file);
    Set<String> names = new TreeSet<>();
    for (String line : section) {
      if (!line.startsWith("| `")) {
        continue;
      }
      Matcher code = CODE.matcher(line.substring(1, line.indexOf('|', 1)));
      while (code.find()) {
        names.add(code.group(1));
      }
    }
    assertThat(names).as("names in the tables of %s, section %s", file, headingStart).isNotEmpty();
    return names;
  }

  /** The lines after the heading starting with {@code headingStart}, up to the next one of its level or higher. */
  private static List<String> section(List<String> lines, String headingStart, String file) {
    int level = headingStart.indexOf(' ');
    List<String> section = new ArrayList<>();
    boolean inside = false;
    boolean inCode = false;
    for (String line : lines) {
      if (line.startsWith("```")) {
        inCode = !inCode;
      }
      boolean heading = !inCode && line.startsWith("#");
      if (inside && heading && line.indexOf(' ') <= level) {
        break;
      }
      if (inside) {
        section.add(line);
      } else if (heading && line.startsWith(headingStart)) {
        inside = true;
      }
    }
    assertThat(inside).as("%s has a section starting \"%s\"", file, headingStart).isTrue();
    return section;
  }

  /** The repository's top directory: where README.md and docs/ are. */
  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("docs"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new AssertionError("repository root (with README.md and docs/) not found above "
        + Path.of("").toAbsolutePath());
  }
}
