package org.optionstream.feed.upstox;

import java.util.regex.Pattern;

/**
 * Removes credentials from text that came from outside (upstream error bodies, exception messages,
 * socket close reasons) before the feed logs it, keeps it in an exception or publishes it in
 * {@code feed.status}: the configured access token wherever it appears, and any
 * {@code Bearer <credential>} form, become {@value #MASK}.
 */
public final class Redactor {

  public static final String MASK = "***";
  private static final Pattern BEARER = Pattern.compile("(?i)(bearer)(\\s+|%20|\\+)[^\\s\"',;&}\\]\\\\]+");

  private final String token;

  /** {@code token}: the secret to remove wherever it appears; null or blank: only {@code Bearer …} forms. */
  public Redactor(String token) {
    this.token = token == null || token.isBlank() ? null : token;
  }

  /** {@code text} without the token or any bearer credential; null stays null. */
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = token == null ? text : text.replace(token, MASK);
    return BEARER.matcher(out).replaceAll("$1$2" + MASK);
  }
}
