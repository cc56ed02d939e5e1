package org.optionstream.common.config;

/**
 * How a process joins the cluster (see the top-level {@code cluster.xml}).
 *
 * @param clustered        {@code CLUSTERED}: join the Hazelcast cluster (default true); false runs a
 *                         plain local Vert.x (single-JVM mode)
 * @param clusterName      {@code HZ_CLUSTER_NAME}: members with another name never join (default optionstream)
 * @param hazelcastPort    {@code HZ_PORT}: first Hazelcast port tried, auto-incremented (default 5701)
 * @param discovery        {@code HZ_DISCOVERY}: {@code tcp} (TCP-IP on {@code members}) or
 *                         {@code kubernetes} (DNS of a headless Service)
 * @param members          {@code HZ_MEMBERS}: TCP-IP members, comma separated (default 127.0.0.1)
 * @param k8sServiceDns    {@code HZ_K8S_SERVICE_DNS}: the headless Service's DNS name
 * @param hazelcastInterface {@code HZ_INTERFACE}: interface Hazelcast binds (default 127.0.0.1 for
 *                         tcp, unset for kubernetes)
 * @param eventBusHost     {@code EVENTBUS_HOST}: where the clustered event bus listens (default 127.0.0.1)
 * @param eventBusPort     {@code EVENTBUS_PORT}: its TCP port, 0 = any free port (pin it in Kubernetes)
 * @param eventBusPublicHost {@code EVENTBUS_PUBLIC_HOST}: the address other members dial (default: the host)
 * @param configFile       {@code HZ_CONFIG_FILE}: a Hazelcast XML to use instead of the packaged cluster.xml
 * @param quorum           {@code HZ_QUORUM}: the fewest members (this one included) a member must see to serve
 *                         and to lead; below it the member reports not ready and gives up leadership
 *                         (0 = no minimum, the default; set it to a majority of the members you run)
 */
public record ClusterSettings(
    boolean clustered,
    String clusterName,
    int hazelcastPort,
    String discovery,
    String members,
    String k8sServiceDns,
    String hazelcastInterface,
    String eventBusHost,
    int eventBusPort,
    String eventBusPublicHost,
    String configFile,
    int quorum) {

  public static ClusterSettings from(Env env) {
    String discovery = env.string("HZ_DISCOVERY", "tcp");
    if (!discovery.equals("tcp") && !discovery.equals("kubernetes")) {
      throw new IllegalArgumentException("HZ_DISCOVERY must be 'tcp' or 'kubernetes', got '" + discovery + "'");
    }
    boolean k8s = discovery.equals("kubernetes");
    String host = env.string("EVENTBUS_HOST", k8s ? "0.0.0.0" : "127.0.0.1");
    return new ClusterSettings(
        env.bool("CLUSTERED", true),
        env.string("HZ_CLUSTER_NAME", "optionstream"),
        env.integer("HZ_PORT", 5701),
        discovery,
        env.string("HZ_MEMBERS", "127.0.0.1"),
        env.string("HZ_K8S_SERVICE_DNS", ""),
        env.string("HZ_INTERFACE", k8s ? "" : "127.0.0.1"),
        host,
        env.integer("EVENTBUS_PORT", 0),
        env.string("EVENTBUS_PUBLIC_HOST", env.string("POD_IP", host.equals("0.0.0.0") ? null : host)),
        env.raw("HZ_CONFIG_FILE"),
        env.integer("HZ_QUORUM", 0));
  }

  public ClusterSettings {
    if (quorum < 0) {
      throw new IllegalArgumentException("HZ_QUORUM must be 0 or more, got " + quorum);
    }
  }

  public boolean kubernetes() {
    return discovery.equals("kubernetes");
  }
}
