package io.statewise.load.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * E5's capacity model on paper: from the CPU each tier spent per request at the capacity
 * point, what a rate of the same mix needs, linearly extrapolated. A service needs
 * {@code rate × CPU per request} cores, spread over pods of {@code coresPerPod} cores
 * busy at most {@code utilisation}, never fewer than {@code minReplicas}. Redis runs its
 * commands on one thread: one primary does {@code utilisation × 10⁶ ÷ µs per command}
 * commands a second, and more than that needs Redis Cluster's shards. PostgreSQL needs
 * {@code rate × CPU per request} cores on its primary; beyond
 * {@code postgresPrimaryCores} (busy at {@code utilisation}) the writes must be
 * partitioned.
 *
 * @param coresPerPod the CPU each service pod requests (and is limited to)
 * @param utilisation the share of its cores a pod, a Redis primary or a PostgreSQL
 * primary is planned to keep busy, headroom for peaks and for losing one
 * @param minReplicas the fewest pods of a service: one may die or be rolled
 * @param postgresPrimaryCores the largest PostgreSQL primary assumed (cores)
 */
record CapacityModel(double coresPerPod, double utilisation, int minReplicas, double postgresPrimaryCores) {

	/** The assumptions the report's model is computed with. */
	static final CapacityModel ASSUMED = new CapacityModel(2, 0.6, 2, 16);

	/** The rates of the mix the report sizes for, requests/s. */
	static final List<Double> RATES = List.of(10_000.0, 100_000.0);

	private static final double MICROS = 1_000_000;

	/** What the stack needs for {@code rate} requests/s of the mix. */
	Plan plan(Costs costs, double rate) {
		List<Service> services = new ArrayList<>();
		for (ScaleOut.Tier tier : Costs.SERVICES) {
			double cores = rate * costs.cpu(tier) / MICROS;
			services.add(new Service(tier, costs.cpu(tier), cores,
					atLeast(this.minReplicas, cores / (this.coresPerPod * this.utilisation))));
		}
		double commands = rate * costs.redisCommands();
		double perPrimary = this.utilisation * MICROS / costs.redisMicrosPerCommand();
		Redis redis = new Redis(commands, perPrimary, commands * costs.redisMicrosPerCommand() / MICROS,
				atLeast(1, commands / perPrimary));
		double postgresCores = rate * costs.postgresCpu() / MICROS;
		Postgres postgres = new Postgres(postgresCores, rate * costs.checkouts(),
				atLeast(1, postgresCores / (this.postgresPrimaryCores * this.utilisation)));
		return new Plan(rate, services, redis, postgres);
	}

	/**
	 * Whole units for a fractional need, at least {@code least}; a hair over a whole
	 * number (floating point) is that number.
	 */
	private static int atLeast(int least, double need) {
		return Math.max(least, (int) Math.ceil(need - 1e-9));
	}

	/** Pods of a service and the cores each requests. */
	double coresRequested(Service service) {
		return service.replicas() * this.coresPerPod;
	}

	/**
	 * What the mix cost per answered request at the capacity point, as measured.
	 *
	 * @param cpu each service's CPU µs per request
	 * @param redisCpu the Redis primary's CPU µs per request
	 * @param redisCommands commands the primary ran per request
	 * @param postgresCpu PostgreSQL's CPU µs per request
	 * @param checkouts checkouts per request
	 */
	record Costs(double gateway, double inventory, double session, double order, double redisCpu, double redisCommands,
			double postgresCpu, double checkouts) {

		static final List<ScaleOut.Tier> SERVICES = List.of(ScaleOut.Tier.GATEWAY, ScaleOut.Tier.INVENTORY,
				ScaleOut.Tier.SESSION, ScaleOut.Tier.ORDER);

		/** The costs from E5's measures, by name ({@link ScaleOut#MEASURES}). */
		static Costs from(ToDoubleFunction<String> measure) {
			return new Costs(measure.applyAsDouble("cpuGateway"), measure.applyAsDouble("cpuInventory"),
					measure.applyAsDouble("cpuSession"), measure.applyAsDouble("cpuOrder"),
					measure.applyAsDouble("cpuRedis"), measure.applyAsDouble("capacityRedisPerRequest"),
					measure.applyAsDouble("cpuPostgres"), measure.applyAsDouble("checkoutsPerRequest"));
		}

		double cpu(ScaleOut.Tier tier) {
			return switch (tier) {
				case GATEWAY -> this.gateway;
				case INVENTORY -> this.inventory;
				case SESSION -> this.session;
				case ORDER -> this.order;
				case REDIS -> this.redisCpu;
				case POSTGRES -> this.postgresCpu;
				case LOAD_GENERATOR -> Double.NaN;
			};
		}

		double redisMicrosPerCommand() {
			return this.redisCpu / this.redisCommands;
		}

		/**
		 * The costs that were not measured, by measure name; empty: the model can run. No
		 * Redis command at all is one too: it gives no CPU per command.
		 */
		List<String> missing() {
			Map<String, Double> costs = new LinkedHashMap<>();
			costs.put("cpuGateway", this.gateway);
			costs.put("cpuInventory", this.inventory);
			costs.put("cpuSession", this.session);
			costs.put("cpuOrder", this.order);
			costs.put("cpuRedis", this.redisCpu);
			costs.put("capacityRedisPerRequest", (this.redisCommands > 0) ? this.redisCommands : Double.NaN);
			costs.put("cpuPostgres", this.postgresCpu);
			costs.put("checkoutsPerRequest", this.checkouts);
			return costs.entrySet().stream().filter((cost) -> cost.getValue().isNaN()).map(Map.Entry::getKey).toList();
		}

	}

	/** What one rate needs. */
	record Plan(double rate, List<Service> services, Redis redis, Postgres postgres) {

	}

	/**
	 * A service's share: the cores busy at the rate, and the pods that keep them under
	 * the planned utilisation.
	 */
	record Service(ScaleOut.Tier tier, double cpuMicros, double cores, int replicas) {

	}

	/**
	 * Redis at the rate: commands a second, what one primary does at the planned
	 * utilisation of its one command thread, the cores of command work, the shards
	 * (primaries) needed; one is a Sentinel-managed primary, more is Redis Cluster.
	 */
	record Redis(double commandsPerSecond, double commandsPerPrimary, double cores, int shards) {

	}

	/**
	 * PostgreSQL at the rate: cores of its work, checkouts a second (its writes), and the
	 * primaries the work needs; more than one means partitioned writes.
	 */
	record Postgres(double cores, double checkoutsPerSecond, int primaries) {

	}

}
