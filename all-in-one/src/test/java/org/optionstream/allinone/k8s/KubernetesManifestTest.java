package org.optionstream.allinone.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.optionstream.allinone.k8s.Kustomize.list;
import static org.optionstream.allinone.k8s.Kustomize.map;

import com.hazelcast.config.Config;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.optionstream.allinone.support.Http;
import org.optionstream.common.config.ClusterSettings;
import org.optionstream.common.config.Env;
import org.optionstream.common.launch.ClusterConfigLoader;
import org.optionstream.common.launch.StageLauncher;
import org.optionstream.common.management.ManagementSettings;
import org.optionstream.common.json.FeedSource;
import org.optionstream.common.testing.TestClusters;
import org.optionstream.feed.FeedConfig;
import org.optionstream.simulator.UpstoxSimulator;
import org.optionstream.simulator.UpstoxSimulatorMain;

/**
 * Reads every manifest under {@code k8s/} (the base and the production overlay, built like
 * {@code kustomize build}) and checks it against the code: each probe and scrape path is served on
 * that port by the real process, each env var is one the process's code reads, labels and selectors
 * match, the headless Service selects every Hazelcast member, ports and images agree with
 * ClusterSettings, cluster.xml and the Dockerfiles, and the shutdown bound fits the grace period.
 */
class KubernetesManifestTest {

  /** The deployables: Deployment optionstream-{component}, container {component}. */
  record Deployable(String component, String module, String image) {
  }

  static final List<Deployable> DEPLOYABLES = List.of(
      new Deployable("feed", "feed-verticle", "optionstream/feed"),
      new Deployable("greeks", "greeks-verticle", "optionstream/greeks"),
      new Deployable("pcr", "pcr-verticle", "optionstream/pcr"),
      new Deployable("gateway", "ws-gateway-verticle", "optionstream/ws-gateway"),
      new Deployable("history", "history-verticle", "optionstream/history"),
      new Deployable("alerts", "alerts-verticle", "optionstream/alerts"));

  private static final Path ROOT = ConfigSources.repositoryRoot();
  private static final String HEADLESS = "optionstream-hz";

  private static Manifests base() {
    return new Manifests(Kustomize.build(ROOT.resolve("k8s/base")));
  }

  private static Manifests production() {
    return new Manifests(Kustomize.build(ROOT.resolve("k8s/overlays/production")));
  }

  private static Manifests staging() {
    return new Manifests(Kustomize.build(ROOT.resolve("k8s/overlays/staging")));
  }

  /** The env entry {@code name} of a container, empty when it has none. */
  private static Map<String, Object> envEntry(Map<String, Object> container, String name) {
    return list(container.get("env")).stream().map(Kustomize::map).filter(e -> name.equals(e.get("name")))
        .findFirst().orElse(Map.of());
  }

  private static Map<String, Object> container(Manifests m, Deployable d) {
    List<Map<String, Object>> containers = Manifests.containers(m.get("Deployment", "optionstream-" + d.component()));
    assertThat(containers).extracting(c -> c.get("name")).containsExactly(d.component());
    return containers.get(0);
  }

  @Test
  void overlay_builds_into_one_namespace_with_registry_images() {
    Manifests prod = production();
    Set<String> ids = new HashSet<>();
    for (Map<String, Object> r : prod.all()) {
      assertThat(ids.add(r.get("kind") + "/" + Kustomize.name(r))).as("duplicate %s", r.get("kind")).isTrue();
      if (!"Namespace".equals(r.get("kind"))) {
        assertThat(map(r.get("metadata")).get("namespace")).as(Kustomize.name(r)).isEqualTo("trading");
      }
    }
    assertThat(prod.find("Namespace", "trading")).isPresent();
    for (Deployable d : DEPLOYABLES) {
      assertThat(container(prod, d).get("image")).isEqualTo("registry.example.com/" + d.image() + ":1.0.0");
      assertThat(container(base(), d).get("image")).isEqualTo(d.image() + ":1.0.0");
    }
    assertThat(map(prod.get("Deployment", "optionstream-gateway").get("spec")).get("replicas")).isEqualTo(3);
    assertThat(map(prod.get("ConfigMap", "optionstream-cluster").get("data")).get("HZ_K8S_SERVICE_DNS"))
        .isEqualTo(HEADLESS + ".trading.svc.cluster.local");
  }

  @Test
  void workloads_have_the_documented_shape() {
    for (Manifests m : List.of(base(), production())) {
      Map<String, Object> feed = map(m.get("Deployment", "optionstream-feed").get("spec"));
      assertThat(feed.get("replicas")).isEqualTo(1);
      assertThat(map(feed.get("strategy")).get("type")).isEqualTo("Recreate");
      assertThat(map(m.get("Deployment", "optionstream-pcr").get("spec")).get("replicas")).isEqualTo(2);
      assertThat((Integer) map(m.get("Deployment", "optionstream-gateway").get("spec")).get("replicas"))
          .isGreaterThanOrEqualTo(2);

      // history: one writer on its volume, never two pods on it at once
      Map<String, Object> history = map(m.get("Deployment", "optionstream-history").get("spec"));
      assertThat(history.get("replicas")).isEqualTo(1);
      assertThat(map(history.get("strategy")).get("type")).isEqualTo("Recreate");
      String claim = list(Manifests.podSpec(m.get("Deployment", "optionstream-history")).get("volumes")).stream()
          .map(v -> (String) map(map(v).get("persistentVolumeClaim")).get("claimName"))
          .filter(java.util.Objects::nonNull).findFirst().orElseThrow();
      assertThat(m.find("PersistentVolumeClaim", claim)).as("the history volume's claim").isPresent();
      Map<String, String> historyEnv = m.environment(container(m, DEPLOYABLES.get(4)));
      assertThat(list(container(m, DEPLOYABLES.get(4)).get("volumeMounts"))).anySatisfy(mount ->
          assertThat(historyEnv.get("HISTORY_DATA_DIR")).startsWith((String) map(mount).get("mountPath") + "/"));

      Map<String, Object> hpa = m.get("HorizontalPodAutoscaler", "optionstream-greeks");
      Map<String, Object> hpaSpec = map(hpa.get("spec"));
      assertThat(map(hpaSpec.get("scaleTargetRef"))).containsEntry("kind", "Deployment")
          .containsEntry("name", "optionstream-greeks");
      assertThat(map(m.get("Deployment", "optionstream-greeks").get("spec"))).doesNotContainKey("replicas");
      assertThat((Integer) hpaSpec.get("minReplicas")).isGreaterThanOrEqualTo(2);
      Map<String, Object> metric = map(list(hpaSpec.get("metrics")).get(0));
      assertThat(map(metric.get("resource")).get("name")).isEqualTo("cpu");

      for (Deployable d : DEPLOYABLES) {
        Map<String, Object> resources = map(container(m, d).get("resources"));
        assertThat(map(resources.get("requests"))).as(d.component()).containsKeys("cpu", "memory");
        assertThat(map(resources.get("limits"))).as(d.component()).containsKeys("cpu", "memory");
      }
    }
  }

  @Test
  void labels_selectors_services_budgets_and_network_policy_agree() {
    for (Manifests m : List.of(base(), production())) {
      List<Map<String, Object>> deployments = m.ofKind("Deployment");
      assertThat(deployments).hasSize(DEPLOYABLES.size());
      for (Map<String, Object> deployment : deployments) {
        assertThat(Manifests.selects(Manifests.matchLabels(map(deployment.get("spec"))),
            Manifests.templateLabels(deployment))).as("selector of %s", Kustomize.name(deployment)).isTrue();
      }

      // Every Service selects at least one workload's pods, its targetPorts exist on them.
      List<Map<String, Object>> workloads = new java.util.ArrayList<>(deployments);
      workloads.addAll(m.ofKind("StatefulSet"));
      for (Map<String, Object> service : m.ofKind("Service")) {
        @SuppressWarnings("unchecked")
        Map<String, String> selector = (Map<String, String>) (Map<?, ?>) map(map(service.get("spec")).get("selector"));
        List<Map<String, Object>> selected = workloads.stream()
            .filter(d -> Manifests.selects(selector, Manifests.templateLabels(d))).toList();
        assertThat(selected).as("pods of Service %s", Kustomize.name(service)).isNotEmpty();
        for (Object p : list(map(service.get("spec")).get("ports"))) {
          for (Map<String, Object> d : selected) {
            Manifests.resolvePort(map(p).get("targetPort"), Manifests.containers(d).get(0));
          }
        }
      }

      // The headless Service lists every pod that runs a Hazelcast member: all four, not-ready included.
      Map<String, Object> headless = m.get("Service", HEADLESS);
      Map<String, Object> headlessSpec = map(headless.get("spec"));
      assertThat(headlessSpec).containsEntry("clusterIP", "None").containsEntry("publishNotReadyAddresses", true);
      @SuppressWarnings("unchecked")
      Map<String, String> hzSelector = (Map<String, String>) (Map<?, ?>) map(headlessSpec.get("selector"));
      assertThat(deployments).allSatisfy(d -> assertThat(Manifests.selects(hzSelector, Manifests.templateLabels(d)))
          .as("headless Service selects %s", Kustomize.name(d)).isTrue());

      // Budgets select replicated workloads only.
      for (Map<String, Object> pdb : m.ofKind("PodDisruptionBudget")) {
        List<Map<String, Object>> selected = deployments.stream()
            .filter(d -> Manifests.selects(Manifests.matchLabels(map(pdb.get("spec"))), Manifests.templateLabels(d)))
            .toList();
        assertThat(selected).as("pods of PDB %s", Kustomize.name(pdb)).hasSize(1);
        assertThat(Kustomize.name(selected.get(0))).isNotEqualTo("optionstream-feed");
      }
      assertThat(m.ofKind("PodDisruptionBudget")).extracting(Kustomize::name)
          .contains("optionstream-greeks", "optionstream-pcr", "optionstream-gateway");

      // Only this app's pods reach the Hazelcast and event-bus ports of every member.
      Map<String, String> settings = configData(m);
      Set<Integer> clusterPorts = Set.of(Integer.parseInt(settings.get("HZ_PORT")),
          Integer.parseInt(settings.get("EVENTBUS_PORT")));
      Map<String, Object> policy = m.get("NetworkPolicy", "optionstream-cluster");
      Map<String, Object> policySpec = map(policy.get("spec"));
      Map<String, String> policyPods = Manifests.matchLabels(Map.of("selector", policySpec.get("podSelector")));
      assertThat(deployments).allSatisfy(d -> assertThat(Manifests.selects(policyPods, Manifests.templateLabels(d)))
          .isTrue());
      assertThat(list(policySpec.get("policyTypes"))).contains("Ingress");
      Set<Integer> opened = new HashSet<>();
      for (Object ruleObject : list(policySpec.get("ingress"))) {
        Map<String, Object> rule = map(ruleObject);
        Set<Integer> ports = new HashSet<>();
        list(rule.get("ports")).forEach(p -> ports.add(((Number) map(p).get("port")).intValue()));
        if (ports.stream().anyMatch(clusterPorts::contains)) {
          List<Object> from = list(rule.get("from"));
          assertThat(from).as("who may reach %s", ports).isNotEmpty().allSatisfy(peer -> {
            assertThat(map(peer)).containsOnlyKeys("podSelector");
            assertThat(Manifests.matchLabels(Map.of("selector", map(peer).get("podSelector"))))
                .containsEntry("app.kubernetes.io/part-of", "optionstream");
          });
          opened.addAll(ports);
        }
      }
      assertThat(opened).containsAll(clusterPorts);
      for (Map<String, Object> other : m.ofKind("NetworkPolicy")) {
        for (Object ruleObject : list(map(other.get("spec")).get("ingress"))) {
          Map<String, Object> rule = map(ruleObject);
          if (rule.get("from") == null || !Kustomize.name(other).equals("optionstream-cluster")) {
            list(rule.get("ports")).forEach(p -> assertThat(clusterPorts)
                .as("policy %s opens a cluster port to others", Kustomize.name(other))
                .doesNotContain(((Number) map(p).get("port")).intValue()));
          }
        }
      }
    }
  }

  @Test
  void cluster_settings_ports_and_shutdown_bound_agree_with_the_code() {
    for (Manifests m : List.of(base(), production())) {
      for (Deployable d : DEPLOYABLES) {
        Map<String, Object> deployment = m.get("Deployment", "optionstream-" + d.component());
        Map<String, Object> c = container(m, d);
        Env env = new Env(m.environment(c));
        ClusterSettings cluster = ClusterSettings.from(env);
        assertThat(cluster.clustered()).isTrue();
        assertThat(cluster.kubernetes()).isTrue();
        assertThat(cluster.k8sServiceDns()).isEqualTo(HEADLESS + "." + m.namespace() + ".svc.cluster.local");
        assertThat(cluster.eventBusPort()).as("EVENTBUS_PORT pinned").isPositive()
            .isEqualTo(Manifests.namedPorts(c).get("eventbus"))
            .isEqualTo(servicePort(m, HEADLESS, "eventbus"));
        assertThat(cluster.hazelcastPort()).isEqualTo(Manifests.namedPorts(c).get("hazelcast"))
            .isEqualTo(servicePort(m, HEADLESS, "hazelcast"));
        assertThat(cluster.eventBusHost()).isEqualTo("0.0.0.0");
        assertThat(cluster.eventBusPublicHost()).as("POD_IP from the downward API").isEqualTo("10.0.0.1");
        assertThat(list(c.get("env"))).anySatisfy(e -> assertThat(map(map(map(e).get("valueFrom")).get("fieldRef")))
            .containsEntry("fieldPath", "status.podIP"));

        Config hazelcast = ClusterConfigLoader.load(cluster);
        assertThat(hazelcast.getNetworkConfig().getJoin().getKubernetesConfig().isEnabled()).isTrue();
        assertThat(hazelcast.getNetworkConfig().getJoin().getTcpIpConfig().isEnabled()).isFalse();
        assertThat(hazelcast.getNetworkConfig().getJoin().getKubernetesConfig().getProperty("service-dns"))
            .isEqualTo(cluster.k8sServiceDns());
        assertThat(hazelcast.getNetworkConfig().getPort()).isEqualTo(cluster.hazelcastPort());

        ManagementSettings management = ManagementSettings.from(env);
        int grace = (Integer) Manifests.podSpec(deployment).get("terminationGracePeriodSeconds");
        assertThat(management.shutdownTimeoutSeconds()).as("%s: SHUTDOWN_TIMEOUT_SECONDS vs grace", d.component())
            .isLessThanOrEqualTo(grace - 3L);
        assertThat(management.host()).isEqualTo("0.0.0.0");
      }
    }
  }

  @Test
  void every_env_var_in_the_manifests_is_read_by_that_process() {
    Set<String> common = ConfigSources.variablesReadBy(ROOT.resolve("common"));
    assertThat(common).contains("HZ_DISCOVERY", "EVENTBUS_PORT", "MGMT_PORT", "SHUTDOWN_TIMEOUT_SECONDS",
        "LOG_FORMAT", "LOG_LEVEL", "POD_IP");
    for (Manifests m : List.of(base(), production())) {
      Set<String> everyConfigKey = new TreeSet<>();
      m.ofKind("ConfigMap").forEach(cm -> everyConfigKey.addAll(map(cm.get("data")).keySet()));
      Set<String> used = new TreeSet<>();
      for (Deployable d : DEPLOYABLES) {
        Set<String> known = new TreeSet<>(common);
        known.addAll(ConfigSources.variablesReadBy(ROOT.resolve(d.module())));
        Set<String> set = m.environment(container(m, d)).keySet();
        assertThat(known).as("variables %s's code reads", d.component()).containsAll(set);
        used.addAll(set);
        for (Object e : list(container(m, d).get("env"))) {
          Map<String, Object> keyRef = map(map(map(e).get("valueFrom")).get("configMapKeyRef"));
          if (!keyRef.isEmpty()) {
            used.add((String) keyRef.get("key"));
          }
        }
      }
      assertThat(used).as("every ConfigMap key reaches some process").containsAll(everyConfigKey);
    }
    assertThat(ConfigSources.variablesReadBy(ROOT.resolve("feed-verticle"))).contains("UPSTOX_ACCESS_TOKEN");
  }

  @Test
  void history_is_embedded_on_a_volume_in_the_base_and_in_a_questdb_server_in_production() {
    Map<String, String> base = base().environment(container(base(), DEPLOYABLES.get(4)));
    assertThat(org.optionstream.history.HistoryConfig.from(new Env(base)).embedded()).isTrue();

    Manifests prod = production();
    Map<String, Object> questdb = prod.get("StatefulSet", "optionstream-questdb");
    Map<String, Object> spec = map(questdb.get("spec"));
    assertThat(spec.get("replicas")).isEqualTo(1);
    assertThat(spec.get("serviceName")).isEqualTo("optionstream-questdb");
    Map<String, Object> claim = map(list(spec.get("volumeClaimTemplates")).get(0));
    assertThat(map(map(map(claim.get("spec")).get("resources")).get("requests"))).containsKey("storage");
    Map<String, Object> server = Manifests.containers(questdb).get(0);
    assertThat(list(server.get("volumeMounts"))).anySatisfy(mount -> assertThat(map(mount))
        .containsEntry("name", map(claim.get("metadata")).get("name")).containsEntry("mountPath", "/var/lib/questdb"));
    assertThat(Manifests.selects(Manifests.matchLabels(spec), Manifests.templateLabels(questdb))).isTrue();
    assertThat(Manifests.templateLabels(questdb)).as("QuestDB is no Hazelcast member")
        .doesNotContainKey("optionstream.io/hazelcast");

    Map<String, String> history = prod.environment(container(prod, DEPLOYABLES.get(4)));
    var config = org.optionstream.history.HistoryConfig.from(new Env(history));
    assertThat(config.embedded()).isFalse();
    java.net.URI url = java.net.URI.create(config.questdbUrl());
    assertThat(url.getHost()).isEqualTo("optionstream-questdb");
    assertThat(url.getPort()).isEqualTo(servicePort(prod, "optionstream-questdb", "http"))
        .isEqualTo(Manifests.namedPorts(server).get("http"));
    assertThat(config.server().pgPort()).isEqualTo(servicePort(prod, "optionstream-questdb", "pg"))
        .isEqualTo(Manifests.namedPorts(server).get("pg"));
    assertThat(list(container(prod, DEPLOYABLES.get(4)).get("volumeMounts"))).as("the spool on the history volume")
        .anySatisfy(mount -> assertThat(config.server().spoolDir().toString())
            .startsWith((String) map(mount).get("mountPath") + "/"));

    // only the history pods reach QuestDB's ports
    Map<String, Object> policy = map(prod.get("NetworkPolicy", "optionstream-questdb").get("spec"));
    assertThat(Manifests.selects(Manifests.matchLabels(Map.of("selector", policy.get("podSelector"))),
        Manifests.templateLabels(questdb))).isTrue();
    Map<String, Object> rule = map(list(policy.get("ingress")).get(0));
    assertThat(Manifests.selects(Manifests.matchLabels(Map.of("selector", map(list(rule.get("from")).get(0)).get("podSelector"))),
        Manifests.templateLabels(prod.get("Deployment", "optionstream-history")))).isTrue();
    assertThat(list(rule.get("ports")).stream().map(p -> ((Number) map(p).get("port")).intValue()).toList())
        .containsExactlyInAnyOrder(url.getPort(), config.server().pgPort());
  }

  @Test
  void no_kustomization_renders_a_secret_so_apply_never_overwrites_a_real_token() throws IOException {
    for (Manifests m : List.of(base(), production(), staging())) {
      assertThat(m.ofKind("Secret")).as("Secrets rendered in namespace %s", m.namespace()).isEmpty();
      for (Map<String, Object> r : m.all()) {
        assertThat(map(r.get("data")).keySet()).as("%s %s", r.get("kind"), Kustomize.name(r))
            .doesNotContain("UPSTOX_ACCESS_TOKEN", "GATEWAY_TOKEN");
      }
    }
    String readme = Files.readString(ROOT.resolve("k8s/README.md"));
    assertThat(readme).as("how to create the Secrets the manifests reference")
        .contains("kubectl -n trading create secret generic optionstream-gateway --from-literal=GATEWAY_TOKEN=")
        .contains("kubectl -n trading create secret generic optionstream-upstox --from-literal=UPSTOX_ACCESS_TOKEN=");
  }

  @Test
  void production_requires_the_gateway_token_and_the_upstox_token_from_secrets() {
    Manifests prod = production();
    Map<String, Object> gatewayToken = envEntry(container(prod, DEPLOYABLES.get(3)), "GATEWAY_TOKEN");
    Map<String, Object> gatewayRef = map(map(gatewayToken.get("valueFrom")).get("secretKeyRef"));
    assertThat(gatewayRef).as("GATEWAY_TOKEN from a Secret").containsEntry("name", "optionstream-gateway")
        .containsEntry("key", "GATEWAY_TOKEN");
    assertThat(gatewayRef.get("optional")).as("the pod must not start without it").isNotEqualTo(true);
    assertThat(gatewayToken).doesNotContainKey("value");
    assertThat(prod.environment(container(prod, DEPLOYABLES.get(3))))
        .containsEntry("GATEWAY_TOKEN", Manifests.EXTERNAL_SECRET_VALUE).containsEntry("GATEWAY_AUTH", "token");

    Map<String, Object> tokenSecret = upstoxTokenSecret(prod);
    assertThat(tokenSecret).containsEntry("secretName", "optionstream-upstox");
    assertThat(tokenSecret.get("optional")).as("the feed pod does not start without it").isNotEqualTo(true);
    assertThat(upstoxTokenSecret(base())).as("base: the feed runs STOPPED without it").containsEntry("optional", true);
  }

  /**
   * The Secret volume the feed reads its token from, after checking that the container mounts it read-only
   * where UPSTOX_ACCESS_TOKEN_FILE points (a file, so a rotated Secret reaches the running feed).
   */
  private static Map<String, Object> upstoxTokenSecret(Manifests m) {
    Map<String, Object> feed = container(m, DEPLOYABLES.get(0));
    Map<String, Object> mount = list(feed.get("volumeMounts")).stream().map(Kustomize::map)
        .filter(v -> "upstox-token".equals(v.get("name"))).findFirst().orElseThrow();
    assertThat(mount).containsEntry("readOnly", true);
    assertThat(m.environment(feed)).doesNotContainKey("UPSTOX_ACCESS_TOKEN")
        .containsEntry("UPSTOX_ACCESS_TOKEN_FILE", mount.get("mountPath") + "/UPSTOX_ACCESS_TOKEN");
    Map<String, Object> volume = list(Manifests.podSpec(m.get("Deployment", "optionstream-feed")).get("volumes")).stream()
        .map(Kustomize::map).filter(v -> "upstox-token".equals(v.get("name"))).findFirst().orElseThrow();
    return map(volume.get("secret"));
  }

  @Test
  void production_feed_serves_real_upstox_data_only() {
    Manifests prod = production();
    Map<String, String> feed = prod.environment(container(prod, DEPLOYABLES.get(0)));
    assertThat(feed).containsEntry("FEED_SOURCE", "upstox").doesNotContainKeys("UPSTOX_API_URL", "UPSTOX_INSTRUMENTS_URL");
    FeedConfig config = FeedConfig.from(new Env(feed));
    assertThat(config.source()).isEqualTo(FeedSource.UPSTOX);
    assertThat(config.apiUrl()).isEqualTo(FeedConfig.DEFAULT_API_URL);
    assertThat(prod.ofKind("Deployment")).extracting(Kustomize::name).doesNotContain("optionstream-upstox-simulator");
    for (Map<String, Object> r : prod.all()) {
      assertThat(r.get("kind")).as(Kustomize.name(r)).isNotEqualTo("Secret");
      assertThat(map(r.get("data")).keySet()).doesNotContain("UPSTOX_ACCESS_TOKEN");
      assertThat(map(r.get("stringData")).keySet()).doesNotContain("UPSTOX_ACCESS_TOKEN");
    }
  }

  @Test
  void an_open_gateway_is_said_explicitly_and_only_outside_production() {
    Manifests staging = staging();
    Map<String, String> gateway = staging.environment(container(staging, DEPLOYABLES.get(3)));
    assertThat(gateway).containsEntry("GATEWAY_AUTH", "none").doesNotContainKey("GATEWAY_TOKEN");
    assertThat(base().environment(container(base(), DEPLOYABLES.get(3)))).doesNotContainKey("GATEWAY_AUTH");
    assertThat(staging.namespace()).isEqualTo("staging");
    assertThat(map(staging.get("ConfigMap", "optionstream-cluster").get("data")).get("HZ_K8S_SERVICE_DNS"))
        .isEqualTo(HEADLESS + ".staging.svc.cluster.local");
    assertThat(staging.environment(container(staging, DEPLOYABLES.get(0)))).as("staging needs no Upstox token")
        .doesNotContainKey("UPSTOX_ACCESS_TOKEN");
  }

  @Test
  void staging_runs_the_upstox_simulator_as_its_own_deployment_and_its_feed_says_so() throws IOException {
    Manifests staging = staging();
    Deployable simulator = new Deployable("upstox-simulator", "upstox-simulator", "optionstream/upstox-simulator");
    Map<String, Object> sim = container(staging, simulator);
    assertThat(sim.get("image")).isEqualTo("registry.example.com/optionstream/upstox-simulator:1.0.0");
    Map<String, String> simEnv = staging.environment(sim);
    Set<String> known = new TreeSet<>(ConfigSources.variablesReadBy(ROOT.resolve("common")));
    known.addAll(ConfigSources.variablesReadBy(ROOT.resolve("upstox-simulator")));
    assertThat(known).as("variables the simulator's code reads").containsAll(simEnv.keySet());
    int port = Integer.parseInt(simEnv.get("SIM_PORT"));
    assertThat(simEnv).containsEntry("SIM_HOST", "0.0.0.0");
    assertThat(Manifests.namedPorts(sim).get("http")).isEqualTo(port);
    assertThat(servicePort(staging, "optionstream-upstox-simulator", "http")).isEqualTo(port);
    assertThat(Manifests.templateLabels(staging.get("Deployment", "optionstream-upstox-simulator")))
        .as("not a Hazelcast member").doesNotContainKey("optionstream.io/hazelcast");
    assertThat(production().ofKind("Deployment")).extracting(Kustomize::name)
        .doesNotContain("optionstream-upstox-simulator");

    Map<String, String> feed = staging.environment(container(staging, DEPLOYABLES.get(0)));
    String api = "http://optionstream-upstox-simulator:" + port;
    assertThat(feed).containsEntry("FEED_SOURCE", "simulator").containsEntry("UPSTOX_API_URL", api)
        .containsEntry("UPSTOX_INSTRUMENTS_URL", api + UpstoxSimulator.INSTRUMENTS_PATH);
    assertThat(FeedConfig.from(new Env(feed)).source()).isEqualTo(FeedSource.SIMULATOR);

    Map<String, Object> policy = map(staging.get("NetworkPolicy", "optionstream-upstox-simulator").get("spec"));
    Map<String, Object> rule = map(list(policy.get("ingress")).get(0));
    assertThat(map(list(rule.get("ports")).get(0)).get("port")).isEqualTo(port);
    assertThat(Manifests.matchLabels(Map.of("selector", map(map(list(rule.get("from")).get(0)).get("podSelector")))))
        .containsEntry("app.kubernetes.io/name", "optionstream-feed");

    String dockerfile = Files.readString(ROOT.resolve("upstox-simulator/Dockerfile"));
    assertThat(dockerfile).contains("COPY target/upstox-simulator-1.0.0-SNAPSHOT-fat.jar /app/app.jar")
        .contains("docker build -t optionstream/upstox-simulator:");
    assertThat(mainClass(ROOT.resolve("upstox-simulator"))).isEqualTo(UpstoxSimulatorMain.class.getName());
  }

  @Test
  void dockerfiles_package_the_module_jar_with_its_main_class_and_expose_the_container_ports() throws IOException {
    Manifests m = base();
    for (Deployable d : DEPLOYABLES) {
      Path module = ROOT.resolve(d.module());
      String dockerfile = Files.readString(module.resolve("Dockerfile"));
      assertThat(dockerfile).contains("COPY target/" + d.module() + "-1.0.0-SNAPSHOT-fat.jar /app/app.jar");
      assertThat(dockerfile).containsPattern("(?m)^ENTRYPOINT \\[\"java\"");
      assertThat(dockerfile).contains("\"-jar\", \"/app/app.jar\"]");
      assertThat(dockerfile).contains("docker build -t " + d.image() + ":");
      Matcher expose = Pattern.compile("(?m)^EXPOSE ([0-9 ]+)$").matcher(dockerfile);
      assertThat(expose.find()).isTrue();
      Set<Integer> exposed = new HashSet<>();
      for (String port : expose.group(1).trim().split(" +")) {
        exposed.add(Integer.parseInt(port));
      }
      assertThat(exposed).containsExactlyInAnyOrderElementsOf(Manifests.namedPorts(container(m, d)).values());
      assertThat(mainClass(module)).isNotBlank();
    }
  }

  /**
   * Starts each process in this JVM with the environment its manifest gives it (not clustered: no
   * Kubernetes DNS here; ports made free) and requests every probe path and the Prometheus scrape
   * path on the port the manifest points them at.
   */
  @Test
  void probe_and_scrape_paths_are_served_on_the_probed_port_by_the_real_process() throws Exception {
    for (Deployable d : DEPLOYABLES) {
      assertProbesServed(base(), d);
    }
    assertProbesServed(staging(), new Deployable("upstox-simulator", "upstox-simulator", "optionstream/upstox-simulator"));
  }

  private static void assertProbesServed(Manifests m, Deployable d) throws Exception {
    Map<String, Object> deployment = m.get("Deployment", "optionstream-" + d.component());
    Map<String, Object> c = container(m, d);
    Map<String, String> env = new HashMap<>(m.environment(c));
    int mgmtPort = Integer.parseInt(env.getOrDefault("MGMT_PORT", "-1"));
    String portVariable = mgmtPort >= 0 ? "MGMT_PORT" : "HTTP_PORT";
    String hostVariable = mgmtPort >= 0 ? "MGMT_HOST" : "HTTP_HOST";
    int manifestPort = Integer.parseInt(env.get(portVariable));

    Map<String, Integer> probed = new LinkedHashMap<>();
    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
      Map<String, Object> httpGet = map(map(c.get(probe)).get("httpGet"));
      assertThat(httpGet).as("%s %s", d.component(), probe).isNotEmpty();
      probed.put((String) httpGet.get("path"), Manifests.resolvePort(httpGet.get("port"), c));
    }
    @SuppressWarnings("unchecked")
    Map<String, String> annotations = (Map<String, String>) (Map<?, ?>) map(map(
        Manifests.podTemplate(deployment).get("metadata")).get("annotations"));
    probed.put(annotations.get("prometheus.io/path"), Integer.parseInt(annotations.get("prometheus.io/port")));
    assertThat(probed.keySet()).contains("/health/live", "/health/ready", "/metrics");
    assertThat(probed.values()).as("%s probes the port %s says", d.component(), portVariable)
        .containsOnly(manifestPort);

    int port = TestClusters.freePort();
    env.put("CLUSTERED", "false");
    env.put("HZ_DISCOVERY", "tcp");
    env.put(portVariable, Integer.toString(port));
    env.put(hostVariable, "127.0.0.1");
    env.put("SHUTDOWN_DRAIN_MS", "0");
    env.put("SIM_PORT", "0");
    env.put("HISTORY_DATA_DIR", Files.createTempDirectory("optionstream-history-").toString());
    env.put("ALERTS_DATA_DIR", Files.createTempDirectory("optionstream-alerts-").toString());
    Env processEnv = new Env(env);
    var running = StageLauncher.launch(d.component(), processEnv, stagesOf(mainClass(ROOT.resolve(d.module())), processEnv))
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    try {
      for (String path : probed.keySet()) {
        HttpResponse<String> response = Http.get("http://127.0.0.1:" + port + path)
            .orElseThrow(() -> new AssertionError(d.component() + " does not answer on " + port));
        if (path.startsWith("/health/")) {
          assertThat(response.statusCode()).as("%s %s", d.component(), path).isIn(200, 503);
          assertThat(new JsonObject(response.body()).getString("status")).isIn("UP", "DOWN");
          if (path.equals("/health/live")) {
            assertThat(response.statusCode()).isEqualTo(200);
          }
        } else {
          assertThat(response.statusCode()).as("%s %s", d.component(), path).isEqualTo(200);
          assertThat(response.body()).contains("# TYPE jvm_memory_used_bytes");
        }
      }
    } finally {
      assertThat(running.stop(30)).as("%s stops", d.component()).isTrue();
    }
  }

  @SuppressWarnings("unchecked")
  private static List<StageLauncher.Stage> stagesOf(String mainClass, Env env) throws ReflectiveOperationException {
    return (List<StageLauncher.Stage>) Class.forName(mainClass).getMethod("stages", Env.class).invoke(null, env);
  }

  private static String mainClass(Path module) throws IOException {
    Matcher main = Pattern.compile("<mainClass>([^<]+)</mainClass>").matcher(Files.readString(module.resolve("pom.xml")));
    assertThat(main.find()).as("shade mainClass in %s/pom.xml", module.getFileName()).isTrue();
    return main.group(1).trim();
  }

  private static int servicePort(Manifests m, String service, String name) {
    return list(map(m.get("Service", service).get("spec")).get("ports")).stream()
        .map(Kustomize::map)
        .filter(p -> name.equals(p.get("name")))
        .map(p -> ((Number) p.get("port")).intValue())
        .findFirst()
        .orElseThrow(() -> new AssertionError("Service " + service + " has no port " + name));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> configData(Manifests m) {
    Map<String, String> data = new HashMap<>();
    map(m.get("ConfigMap", "optionstream-cluster").get("data")).forEach((k, v) -> data.put(k, String.valueOf(v)));
    return data;
  }
}
