package io.statewise.session.cart;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.validation.annotation.Validated;

/**
 * Whether inventory-service sells a product, asked before it goes into a cart: its public
 * catalog answers from its Redis cache (also while its PostgreSQL is down), in a few
 * milliseconds. When no inventory instance answers in time the product is accepted: carts
 * stay writable while inventory is away (AP), and checkout decides then, as it must
 * anyway (a product can be withdrawn between the cart and the checkout). The instances
 * are tried in order with short timeouts; one answer is enough.
 */
@Component
class Catalog {

	private static final Logger logger = LoggerFactory.getLogger(Catalog.class);

	private final List<Products> instances;

	Catalog(Properties properties) {
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(properties.timeout()).build());
		requests.setReadTimeout(properties.timeout());
		this.instances = properties.urls()
			.stream()
			.filter((url) -> !url.isBlank())
			.map((url) -> HttpServiceProxyFactory
				.builderFor(
						RestClientAdapter.create(RestClient.builder().baseUrl(url).requestFactory(requests).build()))
				.build()
				.createClient(Products.class))
			.toList();
	}

	/** {@code false} only when inventory answered that it does not sell the product. */
	boolean mayBeSold(String productId) {
		for (Products products : this.instances) {
			try {
				products.product(productId);
				return true;
			}
			catch (HttpClientErrorException.NotFound ex) {
				return false;
			}
			catch (RestClientException ex) {
				logger.debug("inventory did not answer for {}: {}", productId, ex.getMessage());
			}
		}
		return true;
	}

	/** inventory-service's public product endpoint. */
	interface Products {

		@GetExchange("/api/catalog/products/{id}")
		void product(@PathVariable String id);

	}

	/**
	 * @param urls inventory-service instances, tried in order (Kubernetes: its Service);
	 * blank entries, which an unset {@code STATEWISE_INVENTORY_URL_2} leaves, are skipped
	 * @param timeout connect and read timeout per instance
	 */
	@ConfigurationProperties("statewise.catalog")
	@Validated
	record Properties(@DefaultValue List<String> urls,
			@DefaultValue("300ms") @DurationMin(millis = 1) Duration timeout) {

	}

}
