package io.statewise.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.statewise.helm.Manifests.Workload;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each service gets its configuration under the names its application.yml reads (the same
 * the local stack passes, infra/local-stack LocalStack.java), pointing at the datastores
 * and Services the values chose.
 */
class WiringTests {

	private static final String SENTINELS = "shop-statewise-sentinel-0.shop-statewise-sentinel-headless.statewise.svc.cluster.local:26379,"
			+ "shop-statewise-sentinel-1.shop-statewise-sentinel-headless.statewise.svc.cluster.local:26379,"
			+ "shop-statewise-sentinel-2.shop-statewise-sentinel-headless.statewise.svc.cluster.local:26379";

	@Test
	void servicesThatKeepStateInRedisShouldAskTheThreeSentinelsForTheMaster() {
		Manifests manifests = ValueSets.DEFAULTS.render();
		for (String service : List.of("gateway", "session-service", "inventory-service")) {
			Workload workload = manifests.workload(service);
			assertThat(workload.env("STATEWISE_REDIS_SENTINELS")).as(service).isEqualTo(SENTINELS);
			assertThat(workload.env("STATEWISE_REDIS_MASTER")).as(service).isEqualTo("statewise");
			assertThat(workload.env("SPRING_DATA_REDIS_PASSWORD")).as(service).startsWith("<from");
		}
		assertThat(manifests.workload("order-service").env("STATEWISE_REDIS_SENTINELS")).isNull();
	}

	@Test
	void servicesThatOwnADatabaseShouldReachThePrimaryTheModeNames() {
		assertThat(dbHosts(ValueSets.DEFAULTS.render())).containsOnly("shop-statewise-postgresql:5432");
		assertThat(dbHosts(ValueSets.CLOUDNATIVEPG.render())).containsOnly("shop-statewise-postgresql-rw:5432");
		assertThat(dbHosts(ValueSets.EXTERNAL_DATASTORES.render())).containsOnly("pg-primary.db:6432");
		assertThat(ValueSets.DEFAULTS.render().workload("gateway").env("STATEWISE_DB_HOST")).isNull();
	}

	@Test
	void externalRedisShouldBeTheSentinelsGivenAndNoRedisShouldRun() {
		Manifests manifests = ValueSets.EXTERNAL_DATASTORES.render();
		assertThat(manifests.workload("session-service").env("STATEWISE_REDIS_SENTINELS"))
			.isEqualTo("sentinel-0.redis.db:26379,sentinel-1.redis.db:26379");
		assertThat(manifests.workloads()).extracting(Workload::component)
			.containsExactlyInAnyOrder("gateway", "session-service", "order-service", "inventory-service");
	}

	@Test
	void bothSidesShouldAgreeOnTheSessionMode() {
		for (ValueSets values : List.of(ValueSets.DEFAULTS, ValueSets.MEMORY_MODE)) {
			Manifests manifests = values.render();
			assertThat(manifests.workload("gateway").env("STATEWISE_GATEWAY_SESSION_MODE"))
				.isEqualTo(manifests.workload("session-service").env("STATEWISE_SESSION_STORE"));
		}
	}

	@Test
	void theGatewayShouldBelieveForwardedForOnlyWhereNoClientCanReachItDirectly() {
		// ClusterIP: only an Ingress, an HTTPRoute or the cluster's own pods reach the
		// gateway
		String proxies = ValueSets.DEFAULTS.render().workload("gateway").env("STATEWISE_GATEWAY_TRUSTED_PROXIES");
		assertThat(List.of("10.244.1.7", "192.168.0.3", "172.16.4.4", "fd12:3456:0:0:0:0:0:1"))
			.allMatch((address) -> address.matches(proxies));
		assertThat(List.of("203.0.113.9", "172.32.0.1", "2001:db8:0:0:0:0:0:1", "110.0.0.1"))
			.noneMatch((address) -> address.matches(proxies));
		// a LoadBalancer with externalTrafficPolicy Cluster shows clients as node
		// addresses
		assertThat(Chart.statewise()
			.with("gateway.service.type", "LoadBalancer")
			.render()
			.workload("gateway")
			.env("STATEWISE_GATEWAY_TRUSTED_PROXIES")).isEmpty();
		assertThat(Chart.statewise()
			.with("gateway.trustedProxies", "")
			.render()
			.workload("gateway")
			.env("STATEWISE_GATEWAY_TRUSTED_PROXIES")).isEmpty();
		assertThat(Chart.statewise()
			.with("gateway.service.type", "NodePort")
			.with("gateway.trustedProxies", "10\\.1\\.2\\.\\d+")
			.render()
			.workload("gateway")
			.env("STATEWISE_GATEWAY_TRUSTED_PROXIES")).isEqualTo("10\\.1\\.2\\.\\d+");
	}

	@Test
	void theGatewayShouldCountRateLimitsApproximatelyUnlessToldToAskRedisPerRequest() {
		assertThat(ValueSets.DEFAULTS.render().workload("gateway").env("STATEWISE_GATEWAY_RATE_LIMIT_MODE"))
			.isEqualTo("approximate");
		assertThat(Chart.statewise()
			.with("gateway.rateLimit.mode", "exact")
			.render()
			.workload("gateway")
			.env("STATEWISE_GATEWAY_RATE_LIMIT_MODE")).isEqualTo("exact");
	}

	@Test
	void theGatewayShouldTraceATenthOfRequestsUnlessToldOtherwise() {
		assertThat(ValueSets.DEFAULTS.render().workload("gateway").env("MANAGEMENT_TRACING_SAMPLING_PROBABILITY"))
			.isEqualTo("0.1");
		assertThat(Chart.statewise()
			.with("gateway.tracing.samplingProbability", "1")
			.render()
			.workload("gateway")
			.env("MANAGEMENT_TRACING_SAMPLING_PROBABILITY")).isEqualTo("1");
	}

	@Test
	void inMemoryModeTheGatewayShouldListEverySessionPodByItsOwnName() {
		Manifests manifests = ValueSets.MEMORY_MODE.render();
		assertThat(manifests.workload("gateway").env("STATEWISE_SESSION_INSTANCES").split(",")).containsExactly(
				"http://shop-statewise-session-service-0.shop-statewise-session-service-headless.statewise.svc.cluster.local:8082?management-port=9082",
				"http://shop-statewise-session-service-1.shop-statewise-session-service-headless.statewise.svc.cluster.local:8082?management-port=9082",
				"http://shop-statewise-session-service-2.shop-statewise-session-service-headless.statewise.svc.cluster.local:8082?management-port=9082");
		assertThat(manifests.get(Service.class, "shop-statewise-session-service-headless").getSpec().getClusterIP())
			.isEqualTo("None");
	}

	@Test
	void inRedisModeTheGatewayAndOrderServiceShouldUseTheServices() {
		Manifests manifests = ValueSets.DEFAULTS.render();
		Workload gateway = manifests.workload("gateway");
		assertThat(gateway.env("STATEWISE_SESSION_INSTANCES"))
			.isEqualTo("http://shop-statewise-session-service:8082?management-port=9082");
		assertThat(gateway.env("STATEWISE_ORDER_INSTANCES"))
			.isEqualTo("http://shop-statewise-order-service:8083?management-port=9083");
		assertThat(gateway.env("STATEWISE_INVENTORY_INSTANCES"))
			.isEqualTo("http://shop-statewise-inventory-service:8081?management-port=9081");
		Workload order = manifests.workload("order-service");
		assertThat(order.env("STATEWISE_INVENTORY_INSTANCES")).isEqualTo(gateway.env("STATEWISE_INVENTORY_INSTANCES"));
	}

	@Test
	void everyServicePortAndManagementPortShouldBeExposedUnderItsName() {
		Service order = ValueSets.DEFAULTS.render().get(Service.class, "shop-statewise-order-service");
		assertThat(order.getSpec().getPorts()).extracting((p) -> p.getName() + "=" + p.getPort())
			.containsExactly("http=8083", "management=9083");
	}

	@Test
	void theGatewaySignsIdentitiesThatTheServicesVerify() {
		Manifests manifests = ValueSets.DEFAULTS.render();
		assertThat(manifests.workload("gateway").env("STATEWISE_IDENTITY_SIGNINGKEY")).isEqualTo("k8s");
		for (String service : Checks.SERVICES) {
			assertThat(manifests.workload(service).env("STATEWISE_IDENTITY_KEYS")).as(service).startsWith("<from");
		}
	}

	@Test
	void anIngressShouldRouteItsHostToTheGatewayAndMakeItThePublicUrl() {
		Manifests manifests = ValueSets.INGRESS.render();
		Ingress ingress = manifests.get(Ingress.class, "shop-statewise-gateway");
		assertThat(ingress.getSpec().getRules().get(0).getHost()).isEqualTo("shop.example.com");
		assertThat(ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService().getName())
			.isEqualTo("shop-statewise-gateway");
		assertThat(manifests.workload("gateway").env("STATEWISE_GATEWAY_PUBLIC_URL"))
			.isEqualTo("https://shop.example.com");
		assertThat(ValueSets.DEFAULTS.render().all(Ingress.class)).isEmpty();
	}

	@Test
	void aLoadBalancedGatewayShouldKeepTheClientsAddressWhichItsLimitsCountBy() {
		Service gateway = Chart.statewise()
			.with("gateway.service.type", "LoadBalancer")
			.render()
			.get(Service.class, "shop-statewise-gateway");
		assertThat(gateway.getSpec().getExternalTrafficPolicy()).isEqualTo("Local");
		assertThat(ValueSets.DEFAULTS.render().get(Service.class, "shop-statewise-gateway").getSpec().getType())
			.isEqualTo("ClusterIP");
	}

	@Test
	void anHttpRouteShouldAttachToTheNamedGatewayAndSendEverythingToTheGatewayService() {
		HTTPRoute route = ValueSets.HTTP_ROUTE.render().get(HTTPRoute.class, "shop-statewise-gateway");
		assertThat(route.getSpec().getParentRefs().get(0).getName()).isEqualTo("public");
		assertThat(route.getSpec().getRules().get(0).getBackendRefs().get(0).getName())
			.isEqualTo("shop-statewise-gateway");
	}

	@Test
	void serviceMonitorsShouldNotBeRenderedWhereThePrometheusOperatorIsMissing() {
		assertThat(ValueSets.DEFAULTS.render().custom("ServiceMonitor")).isEmpty();
	}

	/**
	 * The dashboards compose mounts are the ones the chart ships: one ConfigMap per file,
	 * with the file whole, labelled for Grafana's sidecar.
	 */
	@Test
	void everyDashboardFileShouldBeAConfigMapForGrafanasSidecar() throws IOException {
		List<ConfigMap> configMaps = ValueSets.DEFAULTS.render()
			.all(ConfigMap.class)
			.stream()
			.filter((configMap) -> configMap.getMetadata().getName().contains("-dashboard-"))
			.toList();
		List<Path> files;
		try (Stream<Path> listed = Files.list(Chart.DIRECTORY.resolve("dashboards"))) {
			files = listed.filter((file) -> file.toString().endsWith(".json")).toList();
		}
		assertThat(files).isNotEmpty();
		assertThat(configMaps).hasSameSizeAs(files)
			.allSatisfy((configMap) -> assertThat(configMap.getMetadata().getLabels())
				.containsEntry("grafana_dashboard", "1"));
		for (Path file : files) {
			String name = file.getFileName().toString();
			assertThat(configMaps).as(name)
				.anySatisfy((configMap) -> assertThat(configMap.getData().get(name))
					.isEqualTo(Files.readString(file).stripTrailing()));
		}
	}

	@Test
	void cloudNativePgShouldGetAClusterAndTheTwoOtherDatabases() {
		Manifests manifests = ValueSets.CLOUDNATIVEPG.render();
		GenericKubernetesResource cluster = manifests.custom("Cluster").get(0);
		assertThat(cluster.getApiVersion()).isEqualTo("postgresql.cnpg.io/v1");
		assertThat(cluster.get("spec", "bootstrap", "initdb", "database").toString()).isEqualTo("accounts");
		assertThat(manifests.custom("Database")).extracting((d) -> d.get("spec", "name").toString())
			.containsExactlyInAnyOrder("orders", "inventory");
	}

	private static List<String> dbHosts(Manifests manifests) {
		return List.of("session-service", "order-service", "inventory-service")
			.stream()
			.map(manifests::workload)
			.map((w) -> w.env("STATEWISE_DB_HOST") + ":" + w.env("STATEWISE_DB_PORT"))
			.toList();
	}

}
