package org.optionstream.pcr;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waiting in tests without sleeping: Vert.x timers complete futures; the test thread joins them with a deadline. */
public final class Eventually {

  private Eventually() {
  }

  /** Completes when {@code condition} holds (checked every 50 ms), fails after {@code timeout}. */
  public static Future<Void> until(Vertx vertx, BooleanSupplier condition, Duration timeout, String what) {
    Promise<Void> promise = Promise.promise();
    long deadline = System.nanoTime() + timeout.toNanos();
    if (condition.getAsBoolean()) {
      return Future.succeededFuture();
    }
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

  /** Completes after {@code delay} (a quiet period to observe). */
  public static Future<Void> after(Vertx vertx, Duration delay) {
    Promise<Void> promise = Promise.promise();
    vertx.setTimer(delay.toMillis(), id -> promise.complete());
    return promise.future();
  }

  /** Blocks the test thread (never an event loop) on {@code future}, at most {@code timeout}. */
  public static <T> T await(Future<T> future, Duration timeout) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
