package org.optionstream.history.query;

/** A history request that cannot be answered as asked; the message says why (it becomes the 400's reason). */
public final class BadRequestException extends RuntimeException {

  public BadRequestException(String reason) {
    super(reason, null, false, false);
  }
}
