package org.optionstream.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optionstream.common.launch.ClusterConfigLoader;

/** The packaged cluster.xml gives TCP-IP on loopback by default and Kubernetes DNS when configured. */
class ClusterConfigLoaderTest {

  @Test
  void defaultIsTcpIpOnLoopbackWithFastFailureDetection() {
    Config config = ClusterConfigLoader.load(ClusterSettings.from(new Env(Map.of())));
    JoinConfig join = config.getNetworkConfig().getJoin();
    assertThat(config.getClusterName()).isEqualTo("optionstream");
    assertThat(join.getMulticastConfig().isEnabled()).isFalse();
    assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
    assertThat(join.getTcpIpConfig().getMembers()).containsExactly("127.0.0.1");
    assertThat(join.getKubernetesConfig().isEnabled()).isFalse();
    assertThat(config.getProperty("hazelcast.max.no.heartbeat.seconds")).isEqualTo("5");
    assertThat(config.getMultiMapConfigs()).containsKey("__vertx.subs");
    assertThat(config.getMapConfigs()).containsKeys("__vertx.haInfo", "__vertx.nodeInfo");
  }

  @Test
  void kubernetesVariantUsesTheHeadlessServiceDns() {
    Config config = ClusterConfigLoader.load(ClusterSettings.from(new Env(Map.of(
        "HZ_DISCOVERY", "kubernetes", "HZ_K8S_SERVICE_DNS", "optionstream-hz.trading.svc.cluster.local"))));
    JoinConfig join = config.getNetworkConfig().getJoin();
    assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
    assertThat(join.getKubernetesConfig().isEnabled()).isTrue();
    assertThat(join.getKubernetesConfig().getProperty("service-dns"))
        .isEqualTo("optionstream-hz.trading.svc.cluster.local");
    assertThat(config.getNetworkConfig().getInterfaces().isEnabled()).isFalse();
  }
}
