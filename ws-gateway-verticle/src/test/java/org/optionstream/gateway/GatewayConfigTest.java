package org.optionstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optionstream.common.config.Env;

/** The connection and origin settings: their defaults, and the values refused at start with the variable's name. */
class GatewayConfigTest {

  private static GatewayConfig config(Map<String, String> env) {
    return GatewayConfig.from(new Env(env));
  }

  @Test
  void defaultsBoundConnectionsAndAllowOnlyTheSameOrigin() {
    GatewayConfig c = config(Map.of());
    assertThat(c.allowedOrigins()).isEmpty();
    assertThat(c.idleTimeoutSeconds()).isEqualTo(120);
    assertThat(c.wsPingIntervalSeconds()).isEqualTo(30);
    assertThat(c.handshakeTimeoutSeconds()).isEqualTo(10);
    assertThat(c.maxConnections()).isEqualTo(10_000);
    assertThat(c.maxConnectionsPerAddress()).isEqualTo(2_000);
    assertThat(c.maxBodyBytes()).isEqualTo(131_072);
  }

  @Test
  void allowedOriginsAreAListOfOriginsOrAStar() {
    assertThat(config(Map.of("GATEWAY_ALLOWED_ORIGINS", " https://Dash.Example.com , http://localhost:3000,"))
        .allowedOrigins()).containsExactly("https://dash.example.com", "http://localhost:3000");
    assertThat(config(Map.of("GATEWAY_ALLOWED_ORIGINS", "*")).allowedOrigins()).containsExactly("*");
    assertThatThrownBy(() -> config(Map.of("GATEWAY_ALLOWED_ORIGINS", "https://dash.example.com/app")))
        .hasMessageContaining("GATEWAY_ALLOWED_ORIGINS");
    assertThatThrownBy(() -> config(Map.of("GATEWAY_ALLOWED_ORIGINS", "dash.example.com")))
        .hasMessageContaining("scheme://host[:port]");
  }

  @Test
  void aPingIntervalThatIsNotBelowTheIdleTimeoutIsRefused() {
    assertThatThrownBy(() -> config(Map.of("GATEWAY_IDLE_TIMEOUT_SECONDS", "30")))
        .hasMessageContaining("GATEWAY_WS_PING_INTERVAL_SECONDS (30) must be below GATEWAY_IDLE_TIMEOUT_SECONDS (30)");
    assertThatThrownBy(() -> config(Map.of("GATEWAY_MAX_CONNECTIONS", "0")))
        .hasMessageContaining("GATEWAY_MAX_CONNECTIONS must be > 0");
  }
}
