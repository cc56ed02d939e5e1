package org.optionstream.gateway.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optionstream.common.config.ClusterSettings;
import org.optionstream.common.config.Env;
import org.optionstream.common.launch.VertxFactory;
import org.optionstream.gateway.support.GatewayHarness;
import org.optionstream.gateway.support.RawHttp;

/**
 * 100,000 requests, each with a method name of its own, against a gateway whose Vert.x has its metrics on
 * (as every process does): each is answered 501, and neither {@code /metrics} nor the heap grows with them.
 * Before, every new method name made new series that were never freed, until the heap ran out.
 */
@ExtendWith(VertxExtension.class)
class MetricsCardinalityTest {

  private static final int METHODS = 100_000;
  private static final int CONNECTIONS = 4;
  private static final int WARM_UP = 1_000;
  private static final long METRICS_GROWTH_LIMIT_BYTES = 32 * 1024;
  private static final long HEAP_GROWTH_LIMIT_BYTES = 32L * 1024 * 1024;
  private static final long EXCHANGE_TIMEOUT_MS = 100_000;

  private Vertx vertx;

  @AfterEach
  void close() throws Exception {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  @Timeout(value = 4, timeUnit = TimeUnit.MINUTES)
  void distinctMadeUpMethodsLeaveMetricsAndHeapFlat(VertxTestContext ctx) {
    long[] before = new long[2];
    GatewayHarness[] gw = new GatewayHarness[1];
    VertxFactory.create(ClusterSettings.from(new Env(Map.of("CLUSTERED", "false")))).compose(process -> {
      vertx = process.vertx();
      return GatewayHarness.startOn(process, Map.of());
    }).compose(h -> {
      gw[0] = h;
      return send(h, 0, WARM_UP).compose(n -> h.get("/metrics"));
    }).compose(metrics -> {
      before[0] = metrics.body().length();
      before[1] = usedHeapAfterGc();
      List<Future<Integer>> answered = new ArrayList<>();
      int perConnection = METHODS / CONNECTIONS;
      for (int c = 0; c < CONNECTIONS; c++) {
        answered.add(send(gw[0], WARM_UP + c * perConnection, perConnection));
      }
      return Future.all(answered).map(all -> {
        int total = 0;
        for (int c = 0; c < CONNECTIONS; c++) {
          total += all.<Integer>resultAt(c);
        }
        return total;
      });
    }).compose(answered -> gw[0].get("/metrics").map(metrics -> {
      ctx.verify(() -> {
        assertThat((long) metrics.body().length()).as("/metrics size in bytes, before: %d", before[0])
            .isLessThan(before[0] + METRICS_GROWTH_LIMIT_BYTES);
        assertThat(usedHeapAfterGc() - before[1]).as("heap growth in bytes").isLessThan(HEAP_GROWTH_LIMIT_BYTES);
        String text = metrics.body().toString();
        assertThat(text).doesNotContain("M00");
        assertThat(text).doesNotContain("method=");
        assertThat(answered).as("requests answered 501").isEqualTo(METHODS);
      });
      return metrics;
    })).onComplete(ctx.succeedingThenComplete());
  }

  /**
   * Sends {@code count} pipelined requests on one connection, methods {@code M<first>} on, the last one
   * asking to close; the number of 501 answers received.
   */
  private static Future<Integer> send(GatewayHarness gw, int first, int count) {
    StringBuilder requests = new StringBuilder(count * 48);
    for (int i = 0; i < count; i++) {
      requests.append(String.format("M%07d", first + i)).append(" /api/status HTTP/1.1\r\nHost: x\r\n")
          .append(i == count - 1 ? "Connection: close\r\n" : "").append("\r\n");
    }
    return RawHttp.readUntil(gw.vertx, gw.port(), Buffer.buffer(requests.toString()), EXCHANGE_TIMEOUT_MS, null,
        received -> false, true).map(MetricsCardinalityTest::count501);
  }

  private static int count501(Buffer received) {
    String text = received.toString(StandardCharsets.ISO_8859_1);
    int n = 0;
    for (int i = text.indexOf("HTTP/1.1 501 "); i >= 0; i = text.indexOf("HTTP/1.1 501 ", i + 1)) {
      n++;
    }
    return n;
  }

  private static long usedHeapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
