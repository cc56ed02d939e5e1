package org.optionstream.common.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.optionstream.common.config.ClusterSettings;
import org.optionstream.common.config.Env;

class VertxFactoryTest {

  /** Netty's own default (1,000 ms) lets a task-flooded event loop leave its sockets alone for a second. */
  @Test
  void eventLoopsServeTheirSocketsAtLeastEveryHundredMillisecondsWhenFloodedWithTasks() throws Exception {
    Vertx vertx = VertxFactory.create(ClusterSettings.from(new Env(Map.of("CLUSTERED", "false"))))
        .map(ProcessServices::vertx).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    try {
      assertThat(System.getProperty(VertxFactory.TASK_QUANTUM_PROPERTY)).isEqualTo(VertxFactory.TASK_QUANTUM_MILLIS);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
