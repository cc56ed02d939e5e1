package org.optionstream.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ObjDoubleConsumer;
import java.util.function.ObjLongConsumer;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.optionstream.common.encoding.BinaryReader;
import org.optionstream.common.encoding.BinaryWriter;
import org.optionstream.common.encoding.JsonBytesWriter;
import org.optionstream.common.encoding.JsonNumbers;

/**
 * The one description of a public message's JSON object: its members in publication order, each with its name,
 * its kind, how to get it from the value ({@code T}), how to set it on a builder ({@code B}), and so how null or
 * absent is treated. Every encoder and decoder of the object goes through it: the JSON tree writer
 * ({@link #toJson}), the per-tick byte writer ({@link #write}), the tree reader ({@link #readJson}), the
 * streaming reader ({@link #read}), and the compact binary form the event bus carries beside the JSON so that
 * consumers need not parse it ({@link #writeBinary}, {@link #readBinary}). A member is added or renamed here, once.
 *
 * <p>The null rules, by kind:
 * <ul>
 *   <li>{@linkplain Builder#text text}: a Java {@code null} is JSON null and back; a value that is not a string
 *       reads as null;</li>
 *   <li>{@linkplain Builder#number number} (a double): NaN and infinities are written as null
 *       ({@link JsonNumbers}); null reads as NaN;</li>
 *   <li>{@linkplain Builder#whole whole number} (a long): always written; null reads as 0;</li>
 *   <li>{@linkplain Builder#positiveWhole positive whole number}: 0 or less is written as null; null reads as 0;</li>
 *   <li>{@linkplain Builder#codes codes}: a list of strings, never null;</li>
 *   <li>{@linkplain Builder#object object}: a nested object, always written, described by its own members
 *       (setting on the same builder);</li>
 *   <li>{@linkplain Builder#derivedText derived text}: written only, worked out from other members; readers skip
 *       it.</li>
 * </ul>
 * The binary form holds every member but derived text, in table order, with no names: text as {@link BinaryWriter}
 * writes it, a number as its IEEE 754 bits (NaN for any value JSON would make null), a whole number as 8 bytes (0
 * where JSON would write null), codes as an int16 count and their texts. It reads back to what the JSON would:
 * {@code readBinary(writeBinary(v))} sets the same values as {@code read(write(v))}. It is an internal form between
 * stages of one release, not a public format: it has no version and no room for unknown members.
 *
 * <p>A member absent from what is read is not set: the builder keeps its default. Unknown members are skipped, so a
 * newer publisher's extra fields do no harm. Immutable and thread-safe; the builders are not.
 *
 * @param <T> the value written
 * @param <B> the builder read into
 */
public final class JsonMembers<T, B> {

  private final Member<T, B>[] members;
  private final Map<String, Member<T, B>> byName = new HashMap<>();

  private JsonMembers(List<Member<T, B>> members) {
    @SuppressWarnings("unchecked")
    Member<T, B>[] array = members.toArray(new Member[0]);
    this.members = array;
    for (Member<T, B> m : array) {
      if (byName.put(m.name, m) != null) {
        throw new IllegalArgumentException("member " + m.name + " described twice");
      }
    }
  }

  /** Starts describing an object's members, in the order they are published. */
  public static <T, B> Builder<T, B> builder() {
    return new Builder<>();
  }

  /** The members' names, in publication order. */
  public List<String> names() {
    List<String> names = new ArrayList<>(members.length);
    for (Member<T, B> m : members) {
      names.add(m.name);
    }
    return names;
  }

  /** {@code value} as a JSON tree, every member in order. */
  public JsonObject toJson(T value) {
    JsonObject json = new JsonObject();
    for (Member<T, B> m : members) {
      json.put(m.name, m.treeValue(value));
    }
    return json;
  }

  /** Writes {@code value} as the same object as {@link #toJson}, member for member, straight to bytes. */
  public void write(T value, JsonBytesWriter out) {
    out.beginObject();
    for (Member<T, B> m : members) {
      m.write(value, out.name(m.encodedName));
    }
    out.endObject();
  }

  /** Sets every member present in {@code json} on {@code target}. */
  public void readJson(JsonObject json, B target) {
    for (Member<T, B> m : members) {
      if (json.containsKey(m.name)) {
        m.readJson(json, target);
      }
    }
  }

  /**
   * Reads an object, the parser standing on its {@code START_OBJECT}, setting every member present on
   * {@code target}; the parser is left on the object's {@code END_OBJECT}.
   */
  public void read(JsonParser p, B target) throws IOException {
    int expected = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      Member<T, B> m;
      // published in table order: the next member is almost always the one expected
      if (expected < members.length && members[expected].name.equals(name)) {
        m = members[expected];
        expected++;
      } else {
        m = byName.get(name);
      }
      if (m == null) {
        p.skipChildren();
      } else {
        m.read(p, value, target);
      }
    }
  }

  /** Writes {@code value}'s members in the binary form (see the class comment). */
  public void writeBinary(T value, BinaryWriter out) {
    for (Member<T, B> m : members) {
      m.writeBinary(value, out);
    }
  }

  /**
   * Reads what {@link #writeBinary} wrote into {@code target}.
   *
   * @throws IndexOutOfBoundsException when the bytes end too soon
   */
  public void readBinary(BinaryReader in, B target) {
    for (Member<T, B> m : members) {
      m.readBinary(in, target);
    }
  }

  /** Adds members, in publication order, then {@link #build()}. */
  public static final class Builder<T, B> {

    private final List<Member<T, B>> members = new ArrayList<>();

    private Builder() {
    }

    /** A string; null is JSON null. */
    public Builder<T, B> text(String name, Function<T, String> get, BiConsumer<B, String> set) {
      members.add(new Text<>(name, get, set));
      return this;
    }

    /** A string worked out from other members: written, never read. */
    public Builder<T, B> derivedText(String name, Function<T, String> get) {
      members.add(new Text<>(name, get, null));
      return this;
    }

    /** A double; NaN and infinities are JSON null, and null reads as NaN. */
    public Builder<T, B> number(String name, ToDoubleFunction<T> get, ObjDoubleConsumer<B> set) {
      members.add(new NumberMember<>(name, get, set));
      return this;
    }

    /** A long, always written; null reads as 0. */
    public Builder<T, B> whole(String name, ToLongFunction<T> get, ObjLongConsumer<B> set) {
      members.add(new Whole<>(name, get, set, false));
      return this;
    }

    /** A long that is JSON null unless positive (a time not known yet); null reads as 0. */
    public Builder<T, B> positiveWhole(String name, ToLongFunction<T> get, ObjLongConsumer<B> set) {
      members.add(new Whole<>(name, get, set, true));
      return this;
    }

    /** An array of strings (the list written is never null; the list read may be empty). */
    public Builder<T, B> codes(String name, Function<T, List<String>> get, BiConsumer<B, List<String>> set) {
      members.add(new Codes<>(name, get, set));
      return this;
    }

    /** A nested object, always written, whose members read into the same builder. */
    public Builder<T, B> object(String name, JsonMembers<T, B> nested) {
      members.add(new ObjectMember<>(name, nested));
      return this;
    }

    public JsonMembers<T, B> build() {
      return new JsonMembers<>(members);
    }
  }

  /** One row of the table. */
  private abstract static class Member<T, B> {

    final String name;
    final byte[] encodedName;

    Member(String name) {
      this.name = name;
      this.encodedName = JsonBytesWriter.encodeName(name);
    }

    /** The member's value in a JSON tree. */
    abstract Object treeValue(T value);

    /** Writes the value, its name already written. */
    abstract void write(T value, JsonBytesWriter out);

    /** Sets the member, present in {@code json}, on {@code target}. */
    abstract void readJson(JsonObject json, B target);

    /** Sets the member on {@code target} from {@code value}, the token the parser stands on. */
    abstract void read(JsonParser p, JsonToken value, B target) throws IOException;

    /** Writes the value in the binary form. */
    abstract void writeBinary(T value, BinaryWriter out);

    /** Sets the member on {@code target} from the binary form. */
    abstract void readBinary(BinaryReader in, B target);
  }

  private static final class Text<T, B> extends Member<T, B> {

    private final Function<T, String> get;
    private final BiConsumer<B, String> set;

    Text(String name, Function<T, String> get, BiConsumer<B, String> set) {
      super(name);
      this.get = get;
      this.set = set;
    }

    @Override
    Object treeValue(T value) {
      return get.apply(value);
    }

    @Override
    void write(T value, JsonBytesWriter out) {
      out.value(get.apply(value));
    }

    @Override
    void readJson(JsonObject json, B target) {
      if (set != null) {
        set.accept(target, json.getString(name));
      }
    }

    @Override
    void read(JsonParser p, JsonToken value, B target) throws IOException {
      if (set == null) {
        p.skipChildren();
      } else {
        set.accept(target, value == JsonToken.VALUE_STRING ? p.getText() : null);
        p.skipChildren();
      }
    }

    @Override
    void writeBinary(T value, BinaryWriter out) {
      if (set != null) {
        out.putText(get.apply(value));
      }
    }

    @Override
    void readBinary(BinaryReader in, B target) {
      if (set != null) {
        set.accept(target, in.getText());
      }
    }
  }

  private static final class NumberMember<T, B> extends Member<T, B> {

    private final ToDoubleFunction<T> get;
    private final ObjDoubleConsumer<B> set;

    NumberMember(String name, ToDoubleFunction<T> get, ObjDoubleConsumer<B> set) {
      super(name);
      this.get = get;
      this.set = set;
    }

    @Override
    Object treeValue(T value) {
      return JsonNumbers.finiteOrNull(get.applyAsDouble(value));
    }

    @Override
    void write(T value, JsonBytesWriter out) {
      out.value(get.applyAsDouble(value));
    }

    @Override
    void readJson(JsonObject json, B target) {
      set.accept(target, JsonNumbers.doubleOrNaN(json, name));
    }

    @Override
    void read(JsonParser p, JsonToken value, B target) throws IOException {
      set.accept(target, value == JsonToken.VALUE_NUMBER_FLOAT || value == JsonToken.VALUE_NUMBER_INT
          ? p.getDoubleValue() : Double.NaN);
      p.skipChildren();
    }

    @Override
    void writeBinary(T value, BinaryWriter out) {
      double v = get.applyAsDouble(value);
      out.putDouble(Double.isFinite(v) ? v : Double.NaN);
    }

    @Override
    void readBinary(BinaryReader in, B target) {
      set.accept(target, in.getDouble());
    }
  }

  private static final class Whole<T, B> extends Member<T, B> {

    private final ToLongFunction<T> get;
    private final ObjLongConsumer<B> set;
    private final boolean nullUnlessPositive;

    Whole(String name, ToLongFunction<T> get, ObjLongConsumer<B> set, boolean nullUnlessPositive) {
      super(name);
      this.get = get;
      this.set = set;
      this.nullUnlessPositive = nullUnlessPositive;
    }

    @Override
    Object treeValue(T value) {
      long v = get.applyAsLong(value);
      return nullUnlessPositive && v <= 0 ? null : v;
    }

    @Override
    void write(T value, JsonBytesWriter out) {
      long v = get.applyAsLong(value);
      if (nullUnlessPositive && v <= 0) {
        out.value((String) null);
      } else {
        out.value(v);
      }
    }

    @Override
    void readJson(JsonObject json, B target) {
      set.accept(target, JsonNumbers.longOrZero(json, name));
    }

    @Override
    void read(JsonParser p, JsonToken value, B target) throws IOException {
      set.accept(target, value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : 0L);
      p.skipChildren();
    }

    @Override
    void writeBinary(T value, BinaryWriter out) {
      long v = get.applyAsLong(value);
      out.putLong(nullUnlessPositive && v <= 0 ? 0L : v);
    }

    @Override
    void readBinary(BinaryReader in, B target) {
      set.accept(target, in.getLong());
    }
  }

  private static final class Codes<T, B> extends Member<T, B> {

    private final Function<T, List<String>> get;
    private final BiConsumer<B, List<String>> set;

    Codes(String name, Function<T, List<String>> get, BiConsumer<B, List<String>> set) {
      super(name);
      this.get = get;
      this.set = set;
    }

    @Override
    Object treeValue(T value) {
      return new JsonArray(new ArrayList<Object>(get.apply(value)));
    }

    @Override
    void write(T value, JsonBytesWriter out) {
      out.value(get.apply(value));
    }

    @Override
    void readJson(JsonObject json, B target) {
      JsonArray array = json.getJsonArray(name);
      List<String> codes = new ArrayList<>();
      if (array != null) {
        for (Object code : array) {
          if (code instanceof String s) {
            codes.add(s);
          }
        }
      }
      set.accept(target, codes);
    }

    @Override
    void read(JsonParser p, JsonToken value, B target) throws IOException {
      List<String> codes = new ArrayList<>(2);
      if (value != JsonToken.START_ARRAY) {
        p.skipChildren();
      } else {
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
          if (t == JsonToken.VALUE_STRING) {
            codes.add(p.getText());
          } else {
            p.skipChildren();
          }
        }
      }
      set.accept(target, codes);
    }

    @Override
    void writeBinary(T value, BinaryWriter out) {
      List<String> codes = get.apply(value);
      out.putShort(codes.size());
      for (String code : codes) {
        out.putText(code);
      }
    }

    @Override
    void readBinary(BinaryReader in, B target) {
      int count = in.getShort();
      List<String> codes = new ArrayList<>(Math.max(0, count));
      for (int i = 0; i < count; i++) {
        codes.add(in.getText());
      }
      set.accept(target, codes);
    }
  }

  private static final class ObjectMember<T, B> extends Member<T, B> {

    private final JsonMembers<T, B> nested;

    ObjectMember(String name, JsonMembers<T, B> nested) {
      super(name);
      this.nested = nested;
    }

    @Override
    Object treeValue(T value) {
      return nested.toJson(value);
    }

    @Override
    void write(T value, JsonBytesWriter out) {
      nested.write(value, out);
    }

    @Override
    void readJson(JsonObject json, B target) {
      JsonObject object = json.getJsonObject(name);
      if (object != null) {
        nested.readJson(object, target);
      }
    }

    @Override
    void read(JsonParser p, JsonToken value, B target) throws IOException {
      if (value == JsonToken.START_OBJECT) {
        nested.read(p, target);
      } else {
        p.skipChildren();
      }
    }

    @Override
    void writeBinary(T value, BinaryWriter out) {
      nested.writeBinary(value, out);
    }

    @Override
    void readBinary(BinaryReader in, B target) {
      nested.readBinary(in, target);
    }
  }
}
