package org.optionstream.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optionstream.common.Addresses;
import org.optionstream.common.json.GreeksUpdateFrame;
import org.optionstream.common.json.GreeksUpdateFrames;
import org.optionstream.gateway.support.FakeMarket;
import org.optionstream.gateway.support.GatewayHarness;

@ExtendWith(VertxExtension.class)
class ApiRoutesTest {

  private GatewayHarness gw;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    GatewayHarness.start(vertx, Map.of()).onSuccess(h -> gw = h)
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void greeksCacheHoldsEveryInstrumentKeyedByInstrumentKey(VertxTestContext ctx) {
    gw.get("/api/greeks").onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.response().getHeader("content-type")).startsWith("application/json");
      JsonObject body = r.body().toJsonObject();
      assertThat(body.fieldNames()).containsExactlyInAnyOrderElementsOf(gw.market.keys());
      JsonObject one = body.getJsonObject(FakeMarket.key(3, "PE"));
      assertThat(one.getString("type")).isEqualTo("PE");
      assertThat(one.getJsonObject("greeks").getDouble("delta")).isNegative();
      ctx.completeNow();
    })));
  }

  @Test
  void filtersNarrowTheCache(VertxTestContext ctx) {
    String k1 = FakeMarket.key(0, "CE");
    String k2 = FakeMarket.key(5, "PE");
    Future.all(
        gw.get("/api/greeks?keys=" + k1 + "," + k2),
        gw.get("/api/greeks?symbol=NIFTY&expiry=2025-11-27"),
        gw.get("/api/greeks?symbol=BANKNIFTY"),
        gw.get("/api/greeks?expiry=2025-12-04")).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          GatewayHarness.Response keys = all.resultAt(0);
          GatewayHarness.Response nifty = all.resultAt(1);
          GatewayHarness.Response bank = all.resultAt(2);
          GatewayHarness.Response otherExpiry = all.resultAt(3);
          assertThat(keys.body().toJsonObject().fieldNames()).containsExactlyInAnyOrder(k1, k2);
          assertThat(nifty.body().toJsonObject().size()).isEqualTo(gw.market.keys().size());
          assertThat(bank.body().toJsonObject().isEmpty()).isTrue();
          assertThat(otherExpiry.body().toJsonObject().isEmpty()).isTrue();
          ctx.completeNow();
        })));
  }

  @Test
  void badFiltersAre400WithAReason(VertxTestContext ctx) {
    Future.all(
        gw.get("/api/greeks?expiry=27-11-2025"),
        gw.get("/api/greeks?symbol=nifty%20bank"),
        gw.get("/api/greeks?keys=NSE_FO|1,,x"),
        gw.get("/api/greeks?strike=23000"),
        gw.get("/api/greeks?symbol=NIFTY&symbol=BANKNIFTY")).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          for (int i = 0; i < all.size(); i++) {
            GatewayHarness.Response r = all.resultAt(i);
            assertThat(r.status()).as("request %d", i).isEqualTo(400);
            assertThat(r.body().toJsonObject().getString("error")).as("request %d", i).isNotBlank();
          }
          assertThat(((GatewayHarness.Response) all.resultAt(0)).body().toJsonObject().getString("error"))
              .contains("expiry");
          assertThat(((GatewayHarness.Response) all.resultAt(3)).body().toJsonObject().getString("error"))
              .contains("strike");
          ctx.completeNow();
        })));
  }

  @Test
  void oneInstrumentOr404(VertxTestContext ctx) {
    String key = FakeMarket.key(2, "CE");
    Future.all(
        gw.get("/api/greeks/" + key.replace("|", "%7C")),
        gw.get("/api/greeks/NSE_FO%7C999999")).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          GatewayHarness.Response known = all.resultAt(0);
          GatewayHarness.Response unknown = all.resultAt(1);
          assertThat(known.status()).isEqualTo(200);
          assertThat(known.body().toJsonObject().getString("instrumentKey")).isEqualTo(key);
          assertThat(unknown.status()).isEqualTo(404);
          assertThat(unknown.body().toJsonObject().getString("error")).contains("NSE_FO|999999");
          ctx.completeNow();
        })));
  }

  @Test
  void pcrOiByStrikeAndStatus(VertxTestContext ctx) {
    Future.all(gw.get("/api/pcr"), gw.get("/api/oi-by-strike?symbol=NIFTY"), gw.get("/api/status"),
        gw.get("/health/live")).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          JsonObject pcr = ((GatewayHarness.Response) all.resultAt(0)).body().toJsonObject();
          JsonObject oi = ((GatewayHarness.Response) all.resultAt(1)).body().toJsonObject();
          JsonObject status = ((GatewayHarness.Response) all.resultAt(2)).body().toJsonObject();
          assertThat(pcr.getJsonObject("NIFTY|2025-11-27").getDouble("pcr")).isPositive();
          assertThat(oi.getJsonObject("NIFTY|2025-11-27").getJsonArray("strikes")).hasSize(gw.market.strikeCount());
          assertThat(status.getJsonObject("feed").getString("state")).isEqualTo("LIVE");
          assertThat(status.getJsonObject("cluster").getBoolean("clustered")).isFalse();
          assertThat(status.getJsonObject("gateway").getBoolean("warm")).isTrue();
          assertThat(((GatewayHarness.Response) all.resultAt(3)).status()).isEqualTo(200);
          ctx.completeNow();
        })));
  }

  @Test
  void surfaceServesTheChainAnalyticsByUnderlyingAndExpiry(VertxTestContext ctx) {
    Future.all(gw.get("/api/surface"), gw.get("/api/surface?symbol=BANKNIFTY"), gw.get("/api/surface?symbol=nifty"))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          JsonObject surface = ((GatewayHarness.Response) all.resultAt(0)).body().toJsonObject();
          assertThat(surface.getJsonObject("NIFTY|2025-11-27").getDouble("atmIv")).isEqualTo(0.12);
          assertThat(surface.getJsonObject("NIFTY|2025-11-27").getJsonArray("strikes")).hasSize(gw.market.strikeCount());
          assertThat(((GatewayHarness.Response) all.resultAt(1)).body().toJsonObject()).isEmpty();
          GatewayHarness.Response bad = (GatewayHarness.Response) all.resultAt(2);
          assertThat(bad.status()).isEqualTo(400);
          assertThat(bad.body().toJsonObject().getString("error")).contains("symbol");
          ctx.completeNow();
        })));
  }

  @Test
  void dashboardIsServedFromTheJar(VertxTestContext ctx) {
    Future.all(gw.get("/"), gw.get("/vendor/vertx-eventbus.js"), gw.get("/vendor/uPlot.iife.min.js"),
        gw.get("/vendor/sockjs.min.js")).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          for (int i = 0; i < all.size(); i++) {
            assertThat(((GatewayHarness.Response) all.resultAt(i)).status()).as("asset %d", i).isEqualTo(200);
          }
          assertThat(((GatewayHarness.Response) all.resultAt(0)).body().toString()).contains("id=\"chain\"");
          ctx.completeNow();
        })));
  }

  @Test
  void olderUpdateNeverOverwritesNewer(VertxTestContext ctx) {
    String key = FakeMarket.key(1, "CE");
    gw.get("/api/greeks/" + key.replace("|", "%7C")).compose(before -> {
      JsonObject held = before.body().toJsonObject();
      JsonObject stale = held.copy().put("exchangeTimeMs", held.getLong("exchangeTimeMs") - 1000).put("price", 1.0);
      gw.vertx.eventBus().publish(Addresses.GREEKS_UPDATE_FRAMES, GreeksUpdateFrames.of(GreeksUpdateFrame.of(stale)));
      JsonObject newer = held.copy().put("sequence", held.getLong("sequence") + 1).put("price", 2.0);
      gw.vertx.eventBus().publish(Addresses.GREEKS_UPDATE_FRAMES, GreeksUpdateFrames.of(GreeksUpdateFrame.of(newer)));
      return pollPrice(key, 2.0, System.currentTimeMillis() + 5000);
    }).onComplete(ctx.succeedingThenComplete());
  }

  private Future<Void> pollPrice(String key, double expected, long deadlineMs) {
    return gw.get("/api/greeks/" + key.replace("|", "%7C")).compose(r -> {
      double price = r.body().toJsonObject().getDouble("price");
      if (price == expected) {
        return Future.succeededFuture();
      }
      if (price == 1.0) {
        return Future.failedFuture("the stale update overwrote the newer one");
      }
      if (System.currentTimeMillis() > deadlineMs) {
        return Future.failedFuture("price never became " + expected);
      }
      return gw.vertx.timer(20).compose(t -> pollPrice(key, expected, deadlineMs));
    });
  }
}
