package io.statewise.helm;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.statewise.helm.Manifests.Workload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets are generated once and then kept (Helm's lookup of the Secret already in the
 * cluster, answered here by {@link FakeKubernetesApi}), or read from the user's own; no
 * secret value appears anywhere but in a Secret's data.
 */
class SecretsTests {

	private static final String SECRET = "shop-statewise-secrets";

	@AfterEach
	void forgetTheClustersSecrets() {
		FakeKubernetesApi.clear();
	}

	@ParameterizedTest
	@EnumSource(ValueSets.class)
	void noSecretValueShouldAppearOutsideTheSecretsData(ValueSets values) {
		Manifests manifests = values.render();
		for (Secret secret : manifests.all(Secret.class)) {
			assertThat(secret.getStringData()).as("stringData of " + secret.getMetadata().getName()).isNullOrEmpty();
			secret.getData().forEach((key, encoded) -> {
				String clear = decode(encoded);
				if (!key.equals("username")) {
					assertThat(manifests.text()).as(key).doesNotContain(clear);
				}
			});
		}
		for (Workload workload : manifests.workloads()) {
			for (EnvVar env : workload.container().getEnv()) {
				if (env.getName().matches(".*(PASSWORD|KEYS|SECRET|AUTH).*")) {
					assertThat(env.getValue()).as(workload + " " + env.getName()).isNull();
					assertThat(env.getValueFrom().getSecretKeyRef()).as(workload + " " + env.getName()).isNotNull();
				}
			}
		}
	}

	@Test
	void generatedSecretsShouldBeStrongAndTheIdentityKeyAtLeast256Bits() {
		Map<String, String> data = ValueSets.DEFAULTS.render().get(Secret.class, SECRET).getData();
		assertThat(data).containsOnlyKeys("identity-keys", "admin-password", "postgres-password", "redis-password");
		String identity = decode(data.get("identity-keys"));
		assertThat(identity).startsWith("k8s:");
		assertThat(Base64.getDecoder().decode(identity.substring(4))).hasSizeGreaterThanOrEqualTo(32);
		assertThat(decode(data.get("postgres-password"))).hasSize(32);
	}

	@Test
	void anUpgradeShouldKeepTheSecretsAlreadyInTheCluster() {
		String password = b64("kept-postgres-password");
		FakeKubernetesApi.putSecret(Chart.NAMESPACE, SECRET,
				"""
						{"apiVersion":"v1","kind":"Secret","metadata":{"name":"%s","namespace":"%s"},
						 "data":{"identity-keys":"%s","admin-password":"%s","postgres-password":"%s","redis-password":"%s"}}"""
					.formatted(SECRET, Chart.NAMESPACE, b64("k8s:" + b64("0123456789abcdef0123456789abcdef")),
							b64("admin"), password, b64("redis")));
		Manifests manifests = ValueSets.CLOUDNATIVEPG.render();
		assertThat(manifests.get(Secret.class, SECRET).getData()).containsEntry("postgres-password", password)
			.containsEntry("redis-password", b64("redis"));
		assertThat(manifests.get(Secret.class, "shop-statewise-postgresql-auth").getData()).containsEntry("password",
				password);
	}

	@Test
	void cloudNativePgsOwnerSecretShouldCarryTheServicesPasswordOnAFreshInstall() {
		Manifests manifests = ValueSets.CLOUDNATIVEPG.render();
		String services = manifests.get(Secret.class, SECRET).getData().get("postgres-password");
		Secret owner = manifests.get(Secret.class, "shop-statewise-postgresql-auth");
		assertThat(owner.getType()).isEqualTo("kubernetes.io/basic-auth");
		assertThat(owner.getData()).containsEntry("password", services).containsEntry("username", b64("statewise"));
	}

	@Test
	void anExistingSecretShouldBeUsedAndNoneGenerated() {
		Manifests manifests = Chart.statewise().with("auth.existingSecret", "my-secrets").render();
		assertThat(manifests.all(Secret.class)).isEmpty();
		EnvVar password = manifests.workload("order-service")
			.container()
			.getEnv()
			.stream()
			.filter((e) -> e.getName().equals("STATEWISE_DB_PASSWORD"))
			.findFirst()
			.orElseThrow();
		assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("my-secrets");
	}

	@Test
	void theGeneratedSecretShouldSurviveAnUninstall() {
		Secret secret = ValueSets.DEFAULTS.render().get(Secret.class, SECRET);
		assertThat(secret.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
	}

	private static String decode(String base64) {
		return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
	}

	private static String b64(String clear) {
		return Base64.getEncoder().encodeToString(clear.getBytes(StandardCharsets.UTF_8));
	}

}
