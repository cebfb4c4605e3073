package io.statewise.load.lab;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.statewise.load.lab.CapacityModel.Costs;
import io.statewise.load.lab.CapacityModel.Plan;
import io.statewise.load.lab.CapacityModel.Service;

/**
 * E5's part of the report beside its table of measures: how a run is made (the
 * stair-step, the target), and the capacity model computed from the measured per-tier
 * costs, in Kubernetes terms, with what it assumes and leaves out.
 */
final class ScaleOutReport {

	private ScaleOutReport() {
	}

	/** How each run was made: the stages, what holds one, what is measured. */
	static String method(LabOptions options) {
		List<ScaleOut.Stage> stages = ScaleOut.stages(options);
		ScaleOut.Stage first = stages.get(0);
		return "Each run: " + LabSimulation.Journey.MIX.description + ", no fault, after a " + options.ramp()
				+ " s ramp in " + stages.size() + " stages of " + (first.to() - first.from()) + " s at "
				+ stages.stream().map((stage) -> Report.number(stage.rate())).collect(Collectors.joining(", "))
				+ " users/s (open model). A stage is measured over its last " + first.measuredSeconds()
				+ " s (journeys begun in the stage before still run in its first ones) and **held** when its p99 is"
				+ " at most " + options.p99Target() + " ms with fewer than "
				+ Report.number(ScaleOut.MAX_FAILED_PERCENT) + " % of its requests failed (every request counts,"
				+ " log-ins with their BCrypt hash and checkouts too); the **capacity point** is the highest stage"
				+ " held, and its seconds give the throughput, the latency and each tier's CPU (from `/proc`) per"
				+ " answered request. A run in which no stage held has no capacity point: its figures read \"—\","
				+ " and a variant that held every stage has more capacity than the stair-step reached (raise"
				+ " `--rate`). The probes log in but do not write: their writes would change the mix.\n\n"
				+ "**Every instance runs on this one machine**: the instances, Redis, PostgreSQL and the load"
				+ " generator share its " + Runtime.getRuntime().availableProcessors() + " cores, so once those are"
				+ " busy a second or third JVM of a service adds only its own upkeep (JIT, GC, health checks). On"
				+ " the project's 2-core machine they are busy from the first stages: **more instances cannot add"
				+ " capacity there**. E5's throughputs show what more JVMs on the same cores cost, not what"
				+ " scale-out buys on machines of their own; the capacity model below rests on the measured CPU"
				+ " per request of each tier, not on them.\n\n";
	}

	/**
	 * The model's section: the costs it rests on ({@code source}: the variant and runs
	 * they are the medians of), a table per tier for each of {@link CapacityModel#RATES},
	 * and its assumptions and limits.
	 */
	static String model(Costs costs, String source, CapacityModel model) {
		StringBuilder md = new StringBuilder("### The capacity model on paper\n\n");
		List<String> missing = costs.missing();
		if (!missing.isEmpty()) {
			return md.append("Not computed: ")
				.append(source)
				.append(" gave no ")
				.append(String.join(", ", missing))
				.append(" (no stage held, or the sampler read no CPU there). The lab never sizes from a number it")
				.append(" did not measure.\n\n")
				.toString();
		}
		List<Plan> plans = CapacityModel.RATES.stream().map((rate) -> model.plan(costs, rate)).toList();
		md.append("What ")
			.append(plans.stream().map((plan) -> rate(plan.rate())).collect(Collectors.joining(" and ")))
			.append(" requests/s of the same mix would need, extrapolated linearly from the CPU each tier spent per")
			.append(" answered request at the capacity point (")
			.append(source)
			.append(", medians). Assumed: pods of ")
			.append(Report.number(model.coresPerPod()))
			.append(" cores (`resources.requests.cpu` = `limits.cpu` = ")
			.append(Report.number(model.coresPerPod()))
			.append("), kept ")
			.append(percent(model.utilisation()))
			.append(" busy, at least ")
			.append(model.minReplicas())
			.append(" replicas of each service; a Redis primary runs its commands on one core, kept ")
			.append(percent(model.utilisation()))
			.append(" busy; a PostgreSQL primary of at most ")
			.append(Report.number(model.postgresPrimaryCores()))
			.append(" cores, kept ")
			.append(percent(model.utilisation()))
			.append(" busy.\n\n");
		md.append("| tier | measured per request | ")
			.append(plans.stream().map((plan) -> rate(plan.rate()) + " requests/s").collect(Collectors.joining(" | ")))
			.append(" |\n|---|---|")
			.append("---|".repeat(plans.size()))
			.append('\n');
		for (int i = 0; i < CapacityModel.Costs.SERVICES.size(); i++) {
			int row = i;
			Service first = plans.get(0).services().get(row);
			md.append("| ")
				.append(first.tier().label)
				.append(" | ")
				.append(Report.number(first.cpuMicros()))
				.append(" µs CPU | ")
				.append(plans.stream()
					.map((plan) -> service(plan.services().get(row), model))
					.collect(Collectors.joining(" | ")))
				.append(" |\n");
		}
		md.append("| Redis | ")
			.append(Report.number(costs.redisCommands()))
			.append(" commands, ")
			.append(Report.number(costs.redisCpu()))
			.append(" µs CPU (")
			.append(Report.number(costs.redisMicrosPerCommand()))
			.append(" µs per command) | ")
			.append(plans.stream().map(ScaleOutReport::redis).collect(Collectors.joining(" | ")))
			.append(" |\n");
		md.append("| PostgreSQL | ")
			.append(Report.number(costs.postgresCpu()))
			.append(" µs CPU, ")
			.append(Report.number(costs.checkouts()))
			.append(" checkouts | ")
			.append(plans.stream().map((plan) -> postgres(plan, model)).collect(Collectors.joining(" | ")))
			.append(" |\n");
		md.append("| services, total | | ")
			.append(plans.stream()
				.map((plan) -> Report.number(plan.services().stream().mapToDouble(model::coresRequested).sum())
						+ " cores requested in " + plan.services().stream().mapToInt(Service::replicas).sum() + " pods")
				.collect(Collectors.joining(" | ")))
			.append(" |\n\n");
		return md.append(limits()).toString();
	}

	private static String service(Service service, CapacityModel model) {
		return Report.number(service.cores()) + " cores busy: **" + service.replicas()
				+ " replicas** (Deployment `replicas: " + service.replicas() + "`, `cpu: "
				+ Report.number(model.coresPerPod()) + "` requested and limit)";
	}

	private static String redis(Plan plan) {
		CapacityModel.Redis redis = plan.redis();
		String needs = rate(redis.commandsPerSecond()) + " commands/s (" + Report.number(redis.cores())
				+ " cores of command work); one primary does " + rate(redis.commandsPerPrimary()) + "/s: ";
		if (redis.shards() == 1) {
			return needs + "**one Sentinel-managed primary** (StatefulSet of a primary and a replica, 3 Sentinels,"
					+ " `cpu: 1` each data node)";
		}
		return needs + "**Redis Cluster, " + redis.shards() + " shards** (" + redis.shards() + " primaries and "
				+ redis.shards() + " replicas, `cpu: 1` each)";
	}

	private static String postgres(Plan plan, CapacityModel model) {
		CapacityModel.Postgres postgres = plan.postgres();
		String needs = Report.number(postgres.cores()) + " cores busy, " + rate(postgres.checkoutsPerSecond())
				+ " checkouts/s: ";
		if (postgres.primaries() == 1) {
			return needs + "**one primary** (`cpu: " + Report.number(Math.ceil(postgres.cores() / model.utilisation()))
					+ "` requested) with a standby for failover";
		}
		return needs + "**beyond one primary**: writes partitioned over " + postgres.primaries() + " primaries of "
				+ Report.number(model.postgresPrimaryCores())
				+ " cores (e.g. orders by customer), order history read from replicas";
	}

	/** What the extrapolation leaves out, said in the report beside its numbers. */
	private static String limits() {
		return "An extrapolation, linear in the rate, of costs measured on shared cores: it leaves out the network"
				+ " (each request crosses the gateway and one or two services), memory (not measured), connection"
				+ " pools (each instance holds PostgreSQL connections of its own: hundreds of pods would need a"
				+ " pooler such as PgBouncer), PostgreSQL's commit rate (each checkout commits with `fsync`; the"
				+ " disk, not its CPU, may stop it first) and the row lock each reservation takes on its product's"
				+ " stock row (hot products serialise), reads that replicas could take off the primary (the model"
				+ " puts all of PostgreSQL's CPU on it), and that CPU per request measured beside the load generator"
				+ " on a busy machine differs from a dedicated node's. Per-request costs include each process's"
				+ " background work (health checks, metrics, the Sentinels' pings), which weighs less at higher"
				+ " rates. Redis Cluster is not a drop-in: the fenced session write (`session-write.lua`) takes the"
				+ " session's key before and after an id change, two keys that Cluster would put in different hash"
				+ " slots unless they shared a hash tag, which they do not yet.\n\n";
	}

	/** {@code 12,500}: a rate read at a glance. */
	private static String rate(double value) {
		return String.format(Locale.ROOT, "%,.0f", value);
	}

	private static String percent(double share) {
		return Report.number(share * 100) + " %";
	}

}
