package org.optionstream.feed;

/** How the feed words a failure in its status and logs. */
final class Failures {

  private Failures() {
  }

  /** The failure's message with its root cause's (e.g. why a TLS handshake failed). */
  static String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = String.valueOf(failure.getMessage());
    return root == failure || root.getMessage() == null || message.contains(root.getMessage())
        ? message : message + ": " + root.getMessage();
  }
}
