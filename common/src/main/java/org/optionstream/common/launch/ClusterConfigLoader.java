package org.optionstream.common.launch;

import com.hazelcast.config.Config;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.config.XmlConfigBuilder;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.optionstream.common.cluster.ClusterMembership;
import org.optionstream.common.config.ClusterSettings;

/**
 * Builds the Hazelcast {@link Config} from {@code cluster.xml} (packaged in every jar, or the file
 * named by {@code HZ_CONFIG_FILE}), filling its {@code ${hz.*}} variables from
 * {@link ClusterSettings}: the join method is chosen by configuration, never by editing the file.
 * With {@code HZ_QUORUM} set it adds the {@link ClusterMembership#QUORUM_PROTECTION} split-brain protection.
 */
public final class ClusterConfigLoader {

  private ClusterConfigLoader() {
  }

  public static Config load(ClusterSettings settings) {
    Properties vars = new Properties();
    vars.setProperty("hz.cluster.name", settings.clusterName());
    vars.setProperty("hz.port", Integer.toString(settings.hazelcastPort()));
    vars.setProperty("hz.tcp.enabled", Boolean.toString(!settings.kubernetes()));
    vars.setProperty("hz.k8s.enabled", Boolean.toString(settings.kubernetes()));
    vars.setProperty("hz.members", settings.members());
    vars.setProperty("hz.k8s.service-dns", settings.k8sServiceDns());
    boolean pinInterface = !settings.hazelcastInterface().isEmpty();
    vars.setProperty("hz.interface.enabled", Boolean.toString(pinInterface));
    vars.setProperty("hz.interface", pinInterface ? settings.hazelcastInterface() : "127.0.0.1");
    try (InputStream xml = open(settings)) {
      XmlConfigBuilder builder = new XmlConfigBuilder(xml);
      builder.setProperties(vars);
      Config config = builder.build();
      if (settings.quorum() > 0) {
        config.addSplitBrainProtectionConfig(SplitBrainProtectionConfig.newRecentlyActiveSplitBrainProtectionConfigBuilder(
            ClusterMembership.QUORUM_PROTECTION, settings.quorum(),
            ClusterMembership.QUORUM_HEARTBEAT_TOLERANCE_MS).enabled(true).build());
      }
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Hazelcast configuration", e);
    }
  }

  private static InputStream open(ClusterSettings settings) throws IOException {
    if (settings.configFile() != null) {
      return new FileInputStream(settings.configFile());
    }
    InputStream packaged = ClusterConfigLoader.class.getClassLoader().getResourceAsStream("cluster.xml");
    if (packaged == null) {
      throw new IOException("cluster.xml is not on the classpath");
    }
    return packaged;
  }
}
