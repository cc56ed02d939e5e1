package org.optionstream.history;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waiting in tests without sleeping: a timer re-asks until the answer satisfies the condition or the deadline passes. */
public final class Eventually {

  private Eventually() {
  }

  /**
   * Asks {@code question} every 50 ms until its answer satisfies {@code condition}; fails after {@code timeout}
   * with the last answer in the message.
   */
  public static <T> Future<T> answer(Vertx vertx, Supplier<Future<T>> question, Predicate<T> condition,
      Duration timeout, String what) {
    Promise<T> promise = Promise.promise();
    long deadline = System.nanoTime() + timeout.toNanos();
    ask(vertx, question, condition, deadline, what, promise, null);
    return promise.future();
  }

  private static <T> void ask(Vertx vertx, Supplier<Future<T>> question, Predicate<T> condition, long deadline,
      String what, Promise<T> promise, Object last) {
    if (System.nanoTime() > deadline) {
      promise.tryFail(new AssertionError("not in time: " + what + "; last answer: " + last));
      return;
    }
    question.get().onComplete(result -> {
      if (result.succeeded() && condition.test(result.result())) {
        promise.tryComplete(result.result());
      } else {
        Object seen = result.succeeded() ? result.result() : result.cause();
        vertx.setTimer(50, id -> ask(vertx, question, condition, deadline, what, promise, seen));
      }
    });
  }

  /** Blocks the test thread (never an event loop) on {@code future}, at most {@code timeout}. */
  public static <T> T await(Future<T> future, Duration timeout) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
