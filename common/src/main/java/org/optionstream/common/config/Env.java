package org.optionstream.common.config;

import java.util.Map;

/**
 * Typed, read-once access to configuration variables with defaults. Built from the process
 * environment by the launcher ({@link #system()}) or from a plain map in tests; verticles receive
 * their own immutable config records made from it and never call {@code System.getenv}.
 * A present but malformed value fails fast with the variable's name in the message.
 */
public final class Env {

  private final Map<String, String> values;

  public Env(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** The process environment. */
  public static Env system() {
    return new Env(System.getenv());
  }

  /** This environment with {@code overrides} on top. */
  public Env with(Map<String, String> overrides) {
    var merged = new java.util.HashMap<>(values);
    merged.putAll(overrides);
    return new Env(merged);
  }

  /** The raw value, or null when unset or blank. */
  public String raw(String name) {
    String v = values.get(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  /** The value, or {@code defaultValue} (which may be null) when unset or blank. */
  public String string(String name, String defaultValue) {
    String v = raw(name);
    return v != null ? v : defaultValue;
  }

  public int integer(String name, int defaultValue) {
    String v = raw(name);
    if (v == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer, got '" + v + "'", e);
    }
  }

  public long longValue(String name, long defaultValue) {
    String v = raw(name);
    if (v == null) {
      return defaultValue;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer, got '" + v + "'", e);
    }
  }

  public double decimal(String name, double defaultValue) {
    String v = raw(name);
    if (v == null) {
      return defaultValue;
    }
    try {
      double d = Double.parseDouble(v);
      if (!Double.isFinite(d)) {
        throw new NumberFormatException("not finite");
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a finite number, got '" + v + "'", e);
    }
  }

  public boolean bool(String name, boolean defaultValue) {
    String v = raw(name);
    if (v == null) {
      return defaultValue;
    }
    return switch (v.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> throw new IllegalArgumentException(name + " must be true or false, got '" + v + "'");
    };
  }
}
