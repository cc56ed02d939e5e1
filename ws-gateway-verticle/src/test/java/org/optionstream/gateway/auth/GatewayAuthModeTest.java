package org.optionstream.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optionstream.common.config.Env;
import org.optionstream.gateway.GatewayConfig;

/** {@code GATEWAY_AUTH} makes an open gateway a decision: a deployment that asks for a token never starts open. */
class GatewayAuthModeTest {

  private static GatewayConfig config(Map<String, String> env) {
    return GatewayConfig.from(new Env(env));
  }

  @Test
  void askingForATokenWithoutOneRefusesToStart() {
    assertThatThrownBy(() -> config(Map.of("GATEWAY_AUTH", "token")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GATEWAY_TOKEN is unset");
  }

  @Test
  void anOpenGatewayThatAlsoHasATokenIsAContradiction() {
    assertThatThrownBy(() -> config(Map.of("GATEWAY_AUTH", "none", "GATEWAY_TOKEN", "s3cret")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("say one or the other");
  }

  @Test
  void anUnknownModeIsRefusedByName() {
    assertThatThrownBy(() -> config(Map.of("GATEWAY_AUTH", "maybe")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GATEWAY_AUTH must be token or none");
  }

  @Test
  void withoutTheVariableATokenMeansProtectedAndNoTokenMeansOpen() {
    assertThat(config(Map.of("GATEWAY_TOKEN", "s3cret")).tokenRequired()).isTrue();
    assertThat(config(Map.of()).tokenRequired()).isFalse();
    assertThat(config(Map.of("GATEWAY_AUTH", "token", "GATEWAY_TOKEN", "s3cret")).tokenRequired()).isTrue();
    assertThat(config(Map.of("GATEWAY_AUTH", "none")).tokenRequired()).isFalse();
  }

  @Test
  void aBlankTokenIsRefusedNotTakenForNone() {
    assertThatThrownBy(() -> GatewayConfig.rejectBlankToken("   "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank");
    GatewayConfig.rejectBlankToken(null);
    GatewayConfig.rejectBlankToken("s3cret");
  }
}
