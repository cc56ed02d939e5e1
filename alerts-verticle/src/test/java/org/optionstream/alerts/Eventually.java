package org.optionstream.alerts;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waiting in tests without sleeping: a timer-polled condition with a deadline, joined by the test thread. */
public final class Eventually {

  private Eventually() {
  }

  /** Completes when {@code condition} holds (checked every 50 ms), fails after {@code timeout}. */
  public static Future<Void> until(Vertx vertx, BooleanSupplier condition, Duration timeout, String what) {
    if (condition.getAsBoolean()) {
      return Future.succeededFuture();
    }
    Promise<Void> promise = Promise.promise();
    long deadline = System.nanoTime() + timeout.toNanos();
    vertx.setPeriodic(50, id -> {
      if (condition.getAsBoolean()) {
        vertx.cancelTimer(id);
        promise.tryComplete();
      } else if (System.nanoTime() > deadline) {
        vertx.cancelTimer(id);
        promise.tryFail(new AssertionError("not within " + timeout.toMillis() + " ms: " + what));
      }
    });
    return promise.future();
  }

  /** Blocks the test thread (never an event loop) on {@code future}, at most {@code timeout}. */
  public static <T> T await(Future<T> future, Duration timeout) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
