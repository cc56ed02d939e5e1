package org.optionstream.gateway.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.optionstream.gateway.cache.Frame;

/** Flow control of one client against a sink whose writes complete only when the test says so. */
class ClientSessionTest {

  private final List<Frame> written = new ArrayList<>();
  private final List<Promise<Void>> pendingWrites = new ArrayList<>();
  private final List<String> closedWith = new ArrayList<>();
  private final FanoutMeters meters = new FanoutMeters(new SimpleMeterRegistry(), () -> 0, () -> 0);

  private final ClientSink sink = new ClientSink() {
    @Override
    public Future<Void> write(Frame frame) {
      written.add(frame);
      Promise<Void> p = Promise.promise();
      pendingWrites.add(p);
      return p.future();
    }

    @Override
    public int size(Frame frame) {
      return 100;
    }

    @Override
    public void closeSlow(String reason) {
      closedWith.add(reason);
    }

    @Override
    public String transport() {
      return "test";
    }

    @Override
    public String describe() {
      return "test client";
    }
  };

  private static Frame update(String key, long sequence, double price) {
    return Frame.greeks(new JsonObject().put("instrumentKey", key).put("symbol", "NIFTY").put("expiry", "2025-11-27")
        .put("exchangeTimeMs", 1000L).put("sequence", sequence).put("price", price));
  }

  @Test
  void writesDirectlyUntilInflightLimitThenKeepsOnlyTheNewestPerInstrument() {
    ClientSession session = new ClientSession(sink, f -> true, 200, 10_000, meters);
    session.offer(update("A", 1, 1.0), 0);
    session.offer(update("B", 1, 1.0), 0);
    assertThat(written).hasSize(2);
    // limit reached: 1000 further updates of A and B leave two backlog entries
    for (int i = 2; i < 1002; i++) {
      session.offer(update("A", i, i), 1);
      session.offer(update("B", i, i), 1);
    }
    assertThat(written).hasSize(2);
    assertThat(session.backlogSize()).isEqualTo(2);
    assertThat(meters.conflatedCount()).isEqualTo(1998);
    // the socket takes the first write: the newest A goes out, then the newest B
    pendingWrites.get(0).complete();
    assertThat(written).hasSize(3);
    assertThat(written.get(2).data().getLong("sequence")).isEqualTo(1001);
    pendingWrites.get(1).complete();
    assertThat(written).hasSize(4);
    assertThat(written.get(3).key()).isEqualTo("B");
    assertThat(written.get(3).data().getLong("sequence")).isEqualTo(1001);
    assertThat(session.backlogSize()).isZero();
  }

  @Test
  void clientBehindLongerThanTheLimitIsClosedAndForgotten() {
    ClientSession session = new ClientSession(sink, f -> true, 100, 5_000, meters);
    session.offer(update("A", 1, 1.0), 0);
    session.offer(update("A", 2, 2.0), 1_000);
    assertThat(session.closeIfStuck(5_999)).isFalse();
    assertThat(session.closeIfStuck(6_001)).isTrue();
    assertThat(closedWith).singleElement().asString().contains("behind");
    assertThat(session.isClosed()).isTrue();
    assertThat(session.backlogSize()).isZero();
    session.offer(update("A", 3, 3.0), 6_002);
    assertThat(written).hasSize(1);
  }

  @Test
  void catchingUpResetsTheBehindClock() {
    ClientSession session = new ClientSession(sink, f -> true, 100, 5_000, meters);
    session.offer(update("A", 1, 1.0), 0);
    session.offer(update("A", 2, 2.0), 1_000);
    pendingWrites.get(0).complete();
    assertThat(session.backlogSize()).isZero();
    pendingWrites.get(1).complete();
    assertThat(session.closeIfStuck(100_000)).isFalse();
  }

  @Test
  void filterDecidesWhatTheClientGets() {
    ClientSession session = new ClientSession(sink, f -> f.key().equals("B"), 1000, 5_000, meters);
    session.offer(update("A", 1, 1.0), 0);
    session.offer(update("B", 1, 1.0), 0);
    assertThat(written).extracting(Frame::key).containsExactly("B");
  }
}
