package io.statewise.load.lab;

import io.statewise.load.lab.CapacityModel.Costs;
import io.statewise.load.lab.CapacityModel.Plan;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The capacity model's arithmetic, with the report's assumptions: pods of 2 cores kept 60
 * % busy, at least 2 of each service, a PostgreSQL primary of at most 16 cores.
 */
class CapacityModelTests {

	private final CapacityModel model = CapacityModel.ASSUMED;

	/**
	 * Per request: gateway 1 ms, inventory 0.5 ms, session 2 ms, order 0.05 ms of CPU;
	 * Redis 2 commands at 10 µs each; PostgreSQL 100 µs; one checkout in 50 requests.
	 */
	private final Costs costs = new Costs(1000, 500, 2000, 50, 20, 2, 100, 0.02);

	@Test
	void eachServiceShouldGetThePodsThatKeepItsCoresSixtyPercentBusy() {
		Plan plan = this.model.plan(this.costs, 10_000);

		// 10 cores ÷ (2 × 0.6) = 8.3 → 9; 5 → 4.2 → 5; 20 → 16.7 → 17
		assertThat(plan.services()).extracting(CapacityModel.Service::cores).containsExactly(10.0, 5.0, 20.0, 0.5);
		assertThat(plan.services()).extracting(CapacityModel.Service::replicas).containsExactly(9, 5, 17, 2);
		assertThat(this.model.coresRequested(plan.services().get(0))).isEqualTo(18);
	}

	@Test
	void aServiceNeedingLessThanOnePodShouldStillRunTheMinimum() {
		assertThat(this.model.plan(this.costs, 100).services()).extracting(CapacityModel.Service::replicas)
			.containsOnly(2);
	}

	@Test
	void redisShouldStayOnePrimaryUntilItsCommandsOutgrowSixtyPercentOfOneCore() {
		// 10 µs per command: 60,000 commands/s per primary
		CapacityModel.Redis tenThousand = this.model.plan(this.costs, 10_000).redis();
		CapacityModel.Redis hundredThousand = this.model.plan(this.costs, 100_000).redis();

		assertThat(tenThousand.commandsPerSecond()).isEqualTo(20_000);
		assertThat(tenThousand.commandsPerPrimary()).isCloseTo(60_000, within(1e-6));
		assertThat(tenThousand.shards()).isOne();
		assertThat(hundredThousand.shards()).as("200,000 ÷ 60,000 = 3.3").isEqualTo(4);
		assertThat(hundredThousand.cores()).isEqualTo(2);
	}

	@Test
	void postgresShouldNeedPartitionsBeyondWhatOneLargestPrimaryKeepsSixtyPercentBusy() {
		CapacityModel.Postgres tenThousand = this.model.plan(this.costs, 10_000).postgres();
		CapacityModel.Postgres hundredThousand = this.model.plan(this.costs, 100_000).postgres();

		assertThat(tenThousand.cores()).isEqualTo(1);
		assertThat(tenThousand.checkoutsPerSecond()).isCloseTo(200, within(1e-9));
		assertThat(tenThousand.primaries()).isOne();
		assertThat(hundredThousand.primaries()).as("10 cores ÷ (16 × 0.6) = 1.04").isEqualTo(2);
	}

	@Test
	void costsNotMeasuredShouldBeNamedSoTheModelIsNotComputedFromThem() {
		Costs partial = new Costs(1000, Double.NaN, 2000, 50, 20, 0, Double.NaN, 0);

		assertThat(partial.missing()).containsExactly("cpuInventory", "capacityRedisPerRequest", "cpuPostgres");
		assertThat(this.costs.missing()).isEmpty();
	}

}
