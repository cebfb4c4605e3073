package io.statewise.load.lab;

import java.util.List;

import io.statewise.load.lab.Experiment.Stack;
import io.statewise.load.lab.Experiment.Variant;
import io.statewise.load.lab.RunResult.Measures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The variants name the stacks they need: variants with the same settings share a stack,
 * the defaults are the plain session mode (so they can run on a stack already running),
 * and each switch reaches the service it is for.
 */
class ExperimentTests {

	private final LabOptions options = LabOptions.parse("--short");

	@Test
	void e6ShouldRunTwelveVariantsOnFiveStacksTheDefaultOnesThePlainRedisStack() {
		List<Variant> variants = Experiment.E6.variants(this.options);

		assertThat(variants).hasSize(12);
		assertThat(variants.stream().map(Variant::stack).distinct()).containsExactly(
				Stack.REDIS.with("down-after 500 ms", "--stack.sentinel-down-after=500ms"), Stack.REDIS,
				Stack.REDIS.with("down-after 5000 ms", "--stack.sentinel-down-after=5000ms"),
				Stack.REDIS.with("readiness every 250 ms", "gateway", "spring.cloud.loadbalancer.health-check.interval",
						"250ms"),
				Stack.REDIS.with("readiness every 5000 ms", "gateway",
						"spring.cloud.loadbalancer.health-check.interval", "5000ms"));
		assertThat(variants.get(2).fault().describe()).isEqualTo("freeze redis-primary at 3 s, thaw 1500 ms later");
	}

	@Test
	void e3ShouldSwitchTheBreakerOffInOrderServiceOnlyAndFreezeBothInventories() {
		Variant off = Experiment.E3.variants(this.options).get(1);

		assertThat(off.stack().label()).isEqualTo("redis, circuit breaker off");
		assertThat(off.stack().arguments())
			.contains("--stack.service-properties.order-service.statewise.inventory.circuit-breaker.enabled=false");
		assertThat(off.fault().components()).containsExactly("inventory-service-1", "inventory-service-2");
		assertThat(off.fault().undo()).isEqualTo("thaw");
	}

	@Test
	void e4ShouldCompareStaleAndStrictOnStacksWhoseCatalogAgesAlike() {
		List<Variant> variants = Experiment.E4.variants(this.options);

		assertThat(variants.stream().map(Variant::stack).distinct()).hasSize(2)
			.allSatisfy((stack) -> assertThat(stack.arguments())
				.contains("--stack.service-properties.inventory-service.statewise.catalog.cache.fresh-for=1s"));
		assertThat(variants.get(1).stack().arguments())
			.contains("--stack.service-properties.inventory-service.statewise.catalog.cache.serve-stale=false");
		assertThat(variants.get(0).fault().describe()).isEqualTo("kill postgres at 3 s, start 2 s later");
	}

	@Test
	void e2ShouldKeepItsStacksAndAddDurableWithTwoReplicas() {
		assertThat(Experiment.E2.variants(this.options).stream().map((variant) -> variant.stack().label()))
			.containsExactly("redis", "redis", "redis, durable", "redis, durable", "redis, durable, two replicas",
					"redis, durable, two replicas");
		assertThat(Stack.DURABLE.arguments())
			.contains("--stack.service-properties.session-service.statewise.session.durable=true");
		assertThat(Stack.DURABLE.slug()).isEqualTo("redis-durable");
		assertThat(Stack.DURABLE_TWO_REPLICAS.arguments()).containsAll(Stack.DURABLE.arguments())
			.contains("--stack.redis-replicas=2");
	}

	@Test
	void e2WithTwoReplicasShouldKillAndFreezeThePrimaryAsTheOtherVariantsDo() {
		List<Variant> variants = Experiment.E2.variants(this.options);

		assertThat(variants.get(4).slug()).isEqualTo("e2-durable-two-replicas-primary-killed");
		assertThat(variants.get(4).fault()).isEqualTo(variants.get(2).fault());
		assertThat(variants.get(5).fault()).isEqualTo(variants.get(3).fault());
	}

	@Test
	void e5ShouldRunOneTwoAndThreeInstancesOfEveryServiceWithoutAFaultTwoOnThePlainStack() {
		List<Variant> variants = Experiment.E5.variants(this.options);

		assertThat(variants).extracting(Variant::fault).containsOnlyNulls();
		assertThat(variants.get(0).stack().arguments()).contains("--stack.instances=1");
		assertThat(variants.get(1).stack()).isEqualTo(Stack.REDIS);
		assertThat(variants.get(2).stack().label()).isEqualTo("redis, 3 instances per service");
	}

	@Test
	void everyMeasureAnExperimentShowsShouldBeOneTheRunsHave() {
		for (Experiment experiment : Experiment.values()) {
			assertThat(experiment.measures()).allSatisfy(Measures::named);
			assertThat(experiment.measures()).containsAll(experiment.charts());
		}
	}

}
