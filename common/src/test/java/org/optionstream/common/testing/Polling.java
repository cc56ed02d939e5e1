package org.optionstream.common.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.BooleanSupplier;

/** Waiting in tests without sleeping: a condition asked again on a Vert.x timer, with a bound on the tries. */
public final class Polling {

  private Polling() {
  }

  /**
   * Succeeds once {@code done} holds, asking it every {@code periodMs} ms; fails with {@code what} after
   * {@code tries} more asks.
   */
  public static Future<Void> until(Vertx vertx, BooleanSupplier done, int tries, long periodMs, String what) {
    if (done.getAsBoolean()) {
      return Future.succeededFuture();
    }
    if (tries == 0) {
      return Future.failedFuture(what);
    }
    return vertx.timer(periodMs).compose(t -> until(vertx, done, tries - 1, periodMs, what));
  }
}
