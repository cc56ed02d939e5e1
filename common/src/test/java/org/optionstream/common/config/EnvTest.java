package org.optionstream.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvTest {

  @Test
  void defaultsApplyWhenUnsetOrBlank() {
    Env env = new Env(Map.of("BLANK", "  "));
    assertThat(env.integer("HTTP_PORT", 8080)).isEqualTo(8080);
    assertThat(env.string("BLANK", "x")).isEqualTo("x");
    assertThat(env.decimal("RISK_FREE_RATE", 0.10)).isEqualTo(0.10);
  }

  @Test
  void malformedValuesNameTheVariable() {
    Env env = new Env(Map.of("HTTP_PORT", "80a", "RISK_FREE_RATE", "NaN", "CLUSTERED", "maybe"));
    assertThatThrownBy(() -> env.integer("HTTP_PORT", 8080)).hasMessageContaining("HTTP_PORT");
    assertThatThrownBy(() -> env.decimal("RISK_FREE_RATE", 0.1)).hasMessageContaining("RISK_FREE_RATE");
    assertThatThrownBy(() -> env.bool("CLUSTERED", true)).hasMessageContaining("CLUSTERED");
  }

  @Test
  void kubernetesDiscoveryIsChosenByConfiguration() {
    ClusterSettings local = ClusterSettings.from(new Env(Map.of()));
    assertThat(local.kubernetes()).isFalse();
    assertThat(local.hazelcastInterface()).isEqualTo("127.0.0.1");
    ClusterSettings k8s = ClusterSettings.from(new Env(Map.of("HZ_DISCOVERY", "kubernetes",
        "HZ_K8S_SERVICE_DNS", "optionstream-hz.default.svc.cluster.local", "POD_IP", "10.1.2.3")));
    assertThat(k8s.kubernetes()).isTrue();
    assertThat(k8s.eventBusPublicHost()).isEqualTo("10.1.2.3");
    assertThatThrownBy(() -> ClusterSettings.from(new Env(Map.of("HZ_DISCOVERY", "multicast"))))
        .hasMessageContaining("HZ_DISCOVERY");
  }
}
