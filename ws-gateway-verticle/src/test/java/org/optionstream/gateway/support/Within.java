package org.optionstream.gateway.support;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/** A future bounded in time: it fails with a message saying what did not happen. */
public final class Within {

  private Within() {
  }

  /** {@code future}, or a failure "{@code what} within {@code timeoutMs} ms" if it has not completed by then. */
  public static <T> Future<T> bound(Vertx vertx, Future<T> future, long timeoutMs, String what) {
    Promise<T> bounded = Promise.promise();
    long timer = vertx.setTimer(timeoutMs, t -> bounded.tryFail(what + " within " + timeoutMs + " ms"));
    future.onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.succeeded()) {
        bounded.tryComplete(ar.result());
      } else {
        bounded.tryFail(ar.cause());
      }
    });
    return bounded.future();
  }
}
