package org.optionstream.gateway.support;

import io.vertx.core.Vertx;
import java.util.Map;
import org.optionstream.common.codec.Codecs;
import org.optionstream.common.config.Env;
import org.optionstream.common.launch.ProcessServices;
import org.optionstream.gateway.GatewayConfig;
import org.optionstream.gateway.GatewayVerticle;

/**
 * Manual preview of the dashboard against {@link FakeMarket}: {@code java ... DashboardPreview 8089}, open
 * http://127.0.0.1:8089/. Not a test; for looking at the page while changing it.
 */
public final class DashboardPreview {

  private DashboardPreview() {
  }

  public static void main(String[] args) {
    Vertx vertx = Codecs.register(Vertx.vertx());
    ProcessServices services = ProcessServices.local(vertx);
    String port = args.length > 0 ? args[0] : "8089";
    GatewayConfig config = GatewayConfig.from(new Env(Map.of("HTTP_PORT", port, "HTTP_HOST", "127.0.0.1")));
    FakeMarket market = new FakeMarket(vertx).fill();
    market.respond()
        .compose(v -> vertx.deployVerticle(new GatewayVerticle(config, services.health(), services.lifecycle(), null)))
        .onSuccess(id -> {
          market.publishAll();
          vertx.setPeriodic(200, t -> market.step(10));
          vertx.setPeriodic(1000, t -> market.publishAggregates());
        })
        .onFailure(Throwable::printStackTrace);
  }
}
