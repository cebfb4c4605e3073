package io.statewise.gateway;

import java.lang.annotation.Documented;
import java.time.Duration;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.statewise.testkit.RealDatastores;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The gateway on a random port, in front of the WireMock {@link Backends}, with the real
 * embedded Redis (Sentinel) for rate limits. Every class with this annotation shares one
 * Spring context; before each test the fake backends forget their stubs and requests and
 * the circuit breakers close. Circuits open after 4 calls and stay open for 60 s. Slow
 * clients are cut off after seconds, not tens of seconds (the test client drops idle
 * connections sooner still: {@link Gateway#client}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "management.server.port=0",
		"resilience4j.circuitbreaker.configs.default.minimum-number-of-calls=4",
		"resilience4j.circuitbreaker.configs.default.sliding-window-size=4",
		// an open circuit stays open for the whole test: the production wait (1 s) could
		// pass on a busy machine between opening a circuit and checking that it is open
		"resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state=60s",
		"resilience4j.timelimiter.instances.inventory-service.timeout-duration=1s",
		"statewise.rate-limit.inventory-service.burst=1000", "statewise.rate-limit.inventory-service.per-second=500",
		"server.netty.idle-timeout=3s", "statewise.gateway.client-timeouts.body-read=2s" })
@ContextConfiguration(initializers = Backends.Initializer.class)
@RealDatastores
@ExtendWith(GatewayTest.Reset.class)
@interface GatewayTest {

	/** Fresh fakes and closed circuits for every test. */
	class Reset implements BeforeEachCallback {

		@Override
		public void beforeEach(ExtensionContext context) {
			Backends.reset();
			ApplicationContext application = SpringExtension.getApplicationContext(context);
			application.getBean(CircuitBreakerRegistry.class).getAllCircuitBreakers().forEach(CircuitBreaker::reset);
			LoadBalancerClientFactory balancers = application.getBean(LoadBalancerClientFactory.class);
			Backends.INSTANCES.forEach((service, count) -> awaitReady(balancers, service, count));
		}

		/**
		 * Waits for the gateway's readiness polling to have this many instances of the
		 * service in rotation.
		 */
		static void awaitReady(LoadBalancerClientFactory balancers, String service, int count) {
			balancers.getInstance(service, ServiceInstanceListSupplier.class)
				.get()
				.filter((instances) -> instances.size() == count)
				.blockFirst(Duration.ofSeconds(30));
		}

	}

}
