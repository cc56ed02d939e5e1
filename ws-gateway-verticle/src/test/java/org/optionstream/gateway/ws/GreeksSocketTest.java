package org.optionstream.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optionstream.common.json.FeedState;
import org.optionstream.gateway.support.FakeMarket;
import org.optionstream.gateway.support.GatewayHarness;

@ExtendWith(VertxExtension.class)
class GreeksSocketTest {

  private GatewayHarness gw;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    GatewayHarness.start(vertx, Map.of()).onSuccess(h -> gw = h)
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void snapshotFirstThenLiveUpdates(VertxTestContext ctx) {
    int instruments = gw.market.keys().size();
    List<JsonObject> received = new ArrayList<>();
    long[] liveSequence = {-1};
    gw.webSocket("/ws/greeks", text -> {
      JsonObject msg = new JsonObject(text);
      received.add(msg);
      if (received.size() == instruments + 1) {
        ctx.verify(() -> {
          Set<String> keys = new HashSet<>();
          int pcr = 0;
          for (JsonObject m : received) {
            if ("greeks_update".equals(m.getString("type"))) {
              keys.add(m.getJsonObject("data").getString("instrumentKey"));
            } else {
              assertThat(m.getString("type")).isEqualTo("pcr_update");
              pcr++;
            }
          }
          assertThat(keys).containsExactlyInAnyOrderElementsOf(gw.market.keys());
          assertThat(pcr).isEqualTo(1);
        });
        gw.vertx.runOnContext(v -> liveSequence[0] = gw.market.publish(4, "PE").getLong("sequence"));
      } else if (received.size() > instruments + 1 && liveSequence[0] >= 0) {
        ctx.verify(() -> {
          assertThat(msg.getString("type")).isEqualTo("greeks_update");
          JsonObject data = msg.getJsonObject("data");
          assertThat(data.getString("instrumentKey")).isEqualTo(FakeMarket.key(4, "PE"));
          assertThat(data.getLong("sequence")).isEqualTo(liveSequence[0]);
          assertThat(data.getJsonObject("greeks").fieldNames()).contains("delta", "gamma", "theta", "vega", "rho");
        });
        ctx.completeNow();
      }
    }).onFailure(ctx::failNow);
  }

  @Test
  void keysFilterSendsOnlyThoseInstruments(VertxTestContext ctx) {
    String wanted = FakeMarket.key(7, "CE");
    List<String> greeksKeys = new ArrayList<>();
    gw.webSocket("/ws/greeks?symbol=NIFTY&expiry=2025-11-27&keys=" + wanted.replace("|", "%7C"), text -> {
      JsonObject msg = new JsonObject(text);
      if (!"greeks_update".equals(msg.getString("type"))) {
        return;
      }
      greeksKeys.add(msg.getJsonObject("data").getString("instrumentKey"));
      if (greeksKeys.size() == 1) {
        // others first, then the wanted one: only the wanted one may arrive
        gw.vertx.runOnContext(v -> {
          gw.market.publish(1, "CE");
          gw.market.publish(2, "PE");
          gw.market.publish(7, "CE");
        });
      } else {
        ctx.verify(() -> assertThat(greeksKeys).containsOnly(wanted));
        ctx.completeNow();
      }
    }).onFailure(ctx::failNow);
  }

  @Test
  void otherUnderlyingGetsNothingOfNifty(VertxTestContext ctx) {
    List<String> types = new ArrayList<>();
    gw.webSocket("/ws/greeks?symbol=BANKNIFTY", types::add)
        .compose(ws -> gw.webSocket("/ws/greeks?keys=" + FakeMarket.key(0, "CE").replace("|", "%7C"), text -> {
          // the second client sees the published update; by then the first one would have too
          gw.vertx.timer(100).onSuccess(t -> {
            ctx.verify(() -> assertThat(types).isEmpty());
            ctx.completeNow();
          });
        }))
        .onFailure(ctx::failNow);
  }

  @Test
  void badFiltersAreRefusedWith400(VertxTestContext ctx) {
    var checkpoint = ctx.checkpoint(3);
    for (String uri : List.of("/ws/greeks?expiry=tomorrow", "/ws/greeks?keys=", "/ws/greeks?limit=5")) {
      gw.webSocket(uri, text -> ctx.failNow("no message expected for " + uri)).onComplete(ar -> ctx.verify(() -> {
        assertThat(ar.failed()).as(uri).isTrue();
        assertThat(ar.cause()).isInstanceOf(UpgradeRejectedException.class);
        assertThat(((UpgradeRejectedException) ar.cause()).getStatus()).isEqualTo(400);
        checkpoint.flag();
      }));
    }
  }

  @Test
  void badFilterReasonIsInTheBody(VertxTestContext ctx) {
    gw.get("/ws/greeks?expiry=tomorrow", Map.of("Upgrade", "websocket", "Connection", "Upgrade"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertThat(r.status()).isEqualTo(400);
          assertThat(r.body().toJsonObject().getString("error")).contains("expiry");
          ctx.completeNow();
        })));
  }

  @Test
  void statusStreamsFeedStateAndClusterMembership(VertxTestContext ctx) {
    List<JsonObject> received = new ArrayList<>();
    gw.webSocket("/ws/status", text -> {
      JsonObject msg = new JsonObject(text);
      received.add(msg);
      if (received.size() == 2) {
        ctx.verify(() -> {
          assertThat(received).extracting(m -> m.getString("type")).containsExactlyInAnyOrder("feed_status", "cluster_status");
          JsonObject cluster = received.stream().filter(m -> m.getString("type").equals("cluster_status")).findFirst()
              .orElseThrow().getJsonObject("data");
          assertThat(cluster.getInteger("members")).isEqualTo(1);
        });
        gw.vertx.runOnContext(v -> gw.market.state(FeedState.RECONNECTING));
      } else if (received.size() > 2) {
        ctx.verify(() -> {
          assertThat(msg.getString("type")).isEqualTo("feed_status");
          assertThat(msg.getJsonObject("data").getString("state")).isEqualTo("RECONNECTING");
        });
        ctx.completeNow();
      }
    }).onFailure(ctx::failNow);
  }
}
