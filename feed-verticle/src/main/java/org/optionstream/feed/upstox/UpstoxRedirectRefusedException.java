package org.optionstream.feed.upstox;

/**
 * An authorized Upstox call answered with a redirect to another origin: nothing was sent there,
 * because the request carries the access token.
 */
public final class UpstoxRedirectRefusedException extends RuntimeException {

  public UpstoxRedirectRefusedException(String endpoint, int statusCode, Origin target, Origin allowed) {
    super(endpoint + " answered HTTP " + statusCode + " redirecting to " + target
        + "; refused: the access token is sent only to " + allowed + " (UPSTOX_API_URL)", null, false, false);
  }
}
