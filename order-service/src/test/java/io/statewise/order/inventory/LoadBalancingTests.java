package io.statewise.order.inventory;

import java.time.Duration;
import java.util.stream.IntStream;

import io.statewise.embedded.FreePorts;
import io.statewise.order.FakeInventory;
import io.statewise.order.OrderServiceApplication;
import io.statewise.testkit.TestDefaults;
import io.statewise.testkit.RealDatastoresInitializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two inventory instances configured, one of them dead. Protects "calls go to healthy
 * instances only": the load balancer's health check drops the dead one.
 */
class LoadBalancingTests {

	ConfigurableApplicationContext orderService;

	int deadPort = FreePorts.find(1).get(0);

	@BeforeEach
	void orderServiceWithADeadAndALiveInventory() {
		FakeInventory.get().up();
		String instances = "--spring.cloud.discovery.client.simple.instances.inventory-service";
		this.orderService = new SpringApplicationBuilder(OrderServiceApplication.class).profiles("test")
			.initializers(RealDatastoresInitializer.forDatabase("orders"), new TestDefaults())
			.run("--server.port=0", "--management.server.port=0",
					instances + "=http://127.0.0.1:" + this.deadPort + "," + FakeInventory.get().url());
	}

	@AfterEach
	void stop() {
		this.orderService.close();
	}

	@Test
	void loadBalancerShouldChooseOnlyTheInstanceWhoseReadinessAnswers() {
		assertThat(this.orderService.getBean(DiscoveryClient.class).getInstances("inventory-service")).hasSize(2);
		LoadBalancerClient balancer = this.orderService.getBean(LoadBalancerClient.class);
		await().atMost(Duration.ofSeconds(10)).until(() -> balancer.choose("inventory-service") != null);

		assertThat(IntStream.range(0, 10).mapToObj((i) -> balancer.choose("inventory-service")))
			.extracting(ServiceInstance::getPort)
			.containsOnly(Integer.parseInt(FakeInventory.get().url().replaceFirst(".*:", "")));
	}

}
