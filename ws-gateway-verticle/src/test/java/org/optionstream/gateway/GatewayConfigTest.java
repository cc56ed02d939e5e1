package org.optionstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optionstream.common.config.Env;

/** The connection settings: their defaults, and the values refused at start with the variable's name. */
class GatewayConfigTest {

  private static GatewayConfig config(Map<String, String> env) {
    return GatewayConfig.from(new Env(env));
  }

  @Test
  void defaultsBoundConnections() {
    GatewayConfig c = config(Map.of());
    assertThat(c.idleTimeoutSeconds()).isEqualTo(120);
    assertThat(c.wsPingIntervalSeconds()).isEqualTo(30);
    assertThat(c.handshakeTimeoutSeconds()).isEqualTo(10);
    assertThat(c.maxConnections()).isEqualTo(10_000);
    assertThat(c.maxConnectionsPerAddress()).isEqualTo(2_000);
    assertThat(c.maxBodyBytes()).isEqualTo(131_072);
  }

  @Test
  void aPingIntervalThatIsNotBelowTheIdleTimeoutIsRefused() {
    assertThatThrownBy(() -> config(Map.of("GATEWAY_IDLE_TIMEOUT_SECONDS", "30")))
        .hasMessageContaining("GATEWAY_WS_PING_INTERVAL_SECONDS (30) must be below GATEWAY_IDLE_TIMEOUT_SECONDS (30)");
    assertThatThrownBy(() -> config(Map.of("GATEWAY_MAX_CONNECTIONS", "0")))
        .hasMessageContaining("GATEWAY_MAX_CONNECTIONS must be > 0");
  }
}
