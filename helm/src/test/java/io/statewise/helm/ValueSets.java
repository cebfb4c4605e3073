package io.statewise.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The value sets the chart is rendered with: one per way of installing it that
 * docs/deploy.md describes.
 */
enum ValueSets {

	DEFAULTS(Map.of()),

	MEMORY_MODE(Map.of("sessionMode", "memory", "sessionService.replicaCount", 3)),

	EXTERNAL_DATASTORES(Map.of("redis.mode", "external", "redis.external.sentinels[0]", "sentinel-0.redis.db:26379",
			"redis.external.sentinels[1]", "sentinel-1.redis.db:26379", "postgresql.mode", "external",
			"postgresql.external.host", "pg-primary.db", "postgresql.external.port", 6432)),

	CLOUDNATIVEPG(Map.of("postgresql.mode", "cloudnativepg")),

	INGRESS(Map.of("ingress.enabled", true, "ingress.className", "nginx", "ingress.hosts[0].host", "shop.example.com",
			"ingress.hosts[0].paths[0].path", "/", "ingress.hosts[0].paths[0].pathType", "Prefix",
			"ingress.tls[0].secretName", "shop-tls", "ingress.tls[0].hosts[0]", "shop.example.com")),

	HTTP_ROUTE(Map.of("httpRoute.enabled", true, "httpRoute.parentRefs[0].name", "public",
			"httpRoute.parentRefs[0].namespace", "gateways", "httpRoute.hostnames[0]", "shop.example.com")),

	AUTOSCALING_OFF(Map.of("gateway.autoscaling.enabled", false, "sessionService.autoscaling.enabled", false,
			"orderService.autoscaling.enabled", false, "inventoryService.autoscaling.enabled", false,
			"gateway.replicaCount", 3));

	private final Map<String, Object> values;

	ValueSets(Map<String, Object> values) {
		this.values = values;
	}

	/** Renders the chart with these values; a copy lands in target/rendered/ to read. */
	Manifests render() {
		Manifests manifests = Chart.statewise().with(this.values).render();
		try {
			Path file = Path.of("target/rendered", name().toLowerCase(Locale.ROOT).replace('_', '-') + ".yaml");
			Files.createDirectories(file.getParent());
			Files.writeString(file, manifests.text());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return manifests;
	}

}
