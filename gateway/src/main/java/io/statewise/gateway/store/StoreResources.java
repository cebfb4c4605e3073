package io.statewise.gateway.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

import org.springframework.boot.webflux.autoconfigure.ResourceHandlerRegistrationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The store's static files ({@code classpath:/static/}, Boot's resource handler at
 * {@code /**}, behind the API routes, which match first): {@code /} is
 * {@code index.html}; every file is answered with {@code Cache-Control: no-cache} and an
 * ETag computed from its content, so a browser revalidates each file (a {@code 304} costs
 * a few hundred bytes) and never runs a stale module after an upgrade.
 * <p>
 * Not {@code Last-Modified}: the build is reproducible, so every jar entry carries the
 * same fixed timestamp ({@code project.build.outputTimestamp}), and a browser would be
 * told "not modified" for a file that changed between two versions. Not versioned file
 * names either: JavaScript modules import one another by name, and rewriting those
 * imports needs a build step the store does without (docs/web-store.md).
 */
@Configuration(proxyBeanMethods = false)
class StoreResources {

	@Bean
	ResourceHandlerRegistrationCustomizer storeCaching() {
		ContentEtags etags = new ContentEtags();
		return (registration) -> registration.setCacheControl(CacheControl.noCache())
			.setUseLastModified(false)
			.setEtagGenerator(etags::of);
	}

	/** {@code GET /} answers the store's {@code index.html}, with its caching headers. */
	@Bean
	WebFilter storeIndex() {
		return new StoreIndexFilter();
	}

	private static final class StoreIndexFilter implements WebFilter, Ordered {

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
			HttpMethod method = exchange.getRequest().getMethod();
			if ((method == HttpMethod.GET || method == HttpMethod.HEAD)
					&& exchange.getRequest().getPath().value().equals("/")) {
				return chain.filter(exchange.mutate().request((request) -> request.path("/index.html")).build());
			}
			return chain.filter(exchange);
		}

		@Override
		public int getOrder() {
			// after the edge filters (security headers, limits, same-origin, header
			// hygiene), which see the path the browser asked for
			return Ordered.HIGHEST_PRECEDENCE + 100;
		}

	}

	/** A strong ETag per file, from a hash of its bytes; computed once per file. */
	static final class ContentEtags {

		private final Map<String, String> etags = new ConcurrentHashMap<>();

		String of(Resource resource) {
			try {
				return this.etags.computeIfAbsent(resource.getURL().toString(), (url) -> hash(resource));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		private static String hash(Resource resource) {
			try (InputStream in = resource.getInputStream()) {
				byte[] digest = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
				return HexFormat.of().formatHex(digest, 0, 12);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
