package org.optionstream.feed.upstox;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Removes credentials from text that came from outside (upstream error bodies, exception messages,
 * socket close reasons) before the feed logs it, keeps it in an exception or publishes it in
 * {@code feed.status}: every access token this process has used (the first one and every rotated
 * one, {@link #add}) wherever it appears, and any {@code Bearer <credential>} form, become {@value #MASK}.
 */
public final class Redactor {

  public static final String MASK = "***";
  private static final Pattern BEARER = Pattern.compile("(?i)(bearer)(\\s+|%20|\\+)[^\\s\"',;&}\\]\\\\]+");

  private final List<String> tokens = new CopyOnWriteArrayList<>();

  /** {@code token}: a secret to remove wherever it appears; null or blank: only {@code Bearer …} forms (until {@link #add}). */
  public Redactor(String token) {
    add(token);
  }

  /** Removes {@code token} too from now on (a rotated token); null or blank is ignored. */
  public void add(String token) {
    if (token != null && !token.isBlank() && !tokens.contains(token)) {
      tokens.add(token);
    }
  }

  /** {@code text} without any token or bearer credential; null stays null. */
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String token : tokens) {
      out = out.replace(token, MASK);
    }
    return BEARER.matcher(out).replaceAll("$1$2" + MASK);
  }
}
