package io.statewise.load.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What a lab run does, from its command line ({@code ./lab --help}); every impossible
 * value is refused here, before anything starts.
 *
 * @param experiments the experiments to run, in order
 * @param repetitions runs of each variant (median and spread in the report)
 * @param quick the short lab: seconds per run, for {@code ./mvnw verify}
 * @param out where the report goes
 * @param resume continue the lab whose runs {@code out} keeps ({@link SavedRuns}) instead
 * of refusing to start over them
 * @param stack the control API of a stack already running, used instead of fresh stacks
 * (its session mode decides which variants can run); {@code null}: a fresh stack per
 * variant
 * @param gateway the store's gateway
 * @param jar the local stack's executable jar, for fresh stacks
 * @param rate users arriving per second (E1-E4, E6; and every warm-up)
 * @param ramp seconds from a tenth of the rate to the rate
 * @param duration seconds at the rate after the ramp
 * @param faultAt second of the load (from its start) at which the fault is injected
 * @param freeze seconds a frozen component stays frozen, and the outage of E3 and E4
 * lasts
 * @param cartChanges cart changes per journey
 * @param thinkTime a user's pause between two steps
 * @param probes users writing their carts at a steady pace to count lost writes
 * @param probeInterval the pause between two writes of one probe
 * @param warmUp seconds of load that is not measured: on each stack, once for each
 * journey its runs drive (E1-E6), and through each E7 gateway before it is measured
 * @param stages E5: stages of its stair-step, {@code --duration} split between them
 * @param stageRate E5: its first stage's users/s, and each further stage's step
 * @param p99Target E5: the p99 (ms) a stage must stay under to count as held
 * @param commandLine the command as typed, for the report
 */
public record LabOptions(List<Experiment> experiments, int repetitions, boolean quick, Path out, boolean resume,
		@Nullable String stack, String gateway, Path jar, double rate, int ramp, int duration, int faultAt, int freeze,
		int cartChanges, Duration thinkTime, int probes, Duration probeInterval, int warmUp, int stages,
		double stageRate, int p99Target, String commandLine) {

	static final String USAGE = """
			./lab [options]   the trade-off lab (docs/lab.md): runs experiments on fresh local stacks, writes docs/results/<date>/
			  --experiments=E1,E2   which experiments (default: all; those not built yet are listed as not run)
			  --repetitions=3       runs of each variant (default 3, short: 1)
			  --short               seconds per run, one repetition (what ./mvnw verify runs)
			  --out=DIR             where the report goes (default docs/results/<date>)
			  --resume              continue the lab stopped in --out: the runs it kept are not run again
			  --stack=URL           use the local stack already running with this control API instead of fresh ones
			  --gateway=URL         its gateway (default http://127.0.0.1:8080)
			  --rate=N              users arriving per second (default 3, short: 1), under the faults of E1-E4 and E6
			  --duration=S          seconds of load after the ramp (default 60, short: 8); E7: its four measurements together; E5: its stages together
			  --fault-at=S          second of the load at which the fault comes (default 20, short: 3)
			  --freeze=S            seconds a frozen component stays frozen, and a killed PostgreSQL down (E2-E4; default 10, short: 2)
			  --warm-up=S           seconds of unmeasured load: per stack and journey, and per E7 gateway (default 180, short: 3)
			  --stages=N            E5: stages of its stair-step, --duration split between them (default 6, short: 3)
			  --stage-rate=N        E5: users/s of its first stage, and each further stage's step (default 5, short: 1)
			  --p99-target=MS       E5: the p99 a stage must stay under, with < 1 % failed, to be held (default 500)
			""";

	private static final Set<String> NAMES = Set.of("experiments", "repetitions", "short", "out", "resume", "stack",
			"gateway", "jar", "rate", "duration", "fault-at", "freeze", "warm-up", "stages", "stage-rate",
			"p99-target");

	public static LabOptions parse(String... args) {
		Map<String, String> given = new LinkedHashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("Unexpected argument '" + arg + "'\n" + USAGE);
			}
			int equals = arg.indexOf('=');
			String name = (equals < 0) ? arg.substring(2) : arg.substring(2, equals);
			if (!NAMES.contains(name)) {
				throw new IllegalArgumentException("Unknown option '--" + name + "'\n" + USAGE);
			}
			given.put(name, (equals < 0) ? "true" : arg.substring(equals + 1));
		}
		// the short lab runs on the test stack, which keeps the default rate limits (20
		// requests/s per client address on the session routes): its journeys and probes
		// together stay under them, so that it measures faults, not 429s
		boolean quick = Boolean.parseBoolean(given.getOrDefault("short", "false"));
		int ramp = quick ? 1 : 5;
		int duration = number(given, "duration", quick ? 8 : 60, 1);
		int faultAt = number(given, "fault-at", quick ? 3 : 20, 1);
		List<Experiment> experiments = Experiment.parse(given.getOrDefault("experiments", "all"));
		if (faultAt >= ramp + duration && experiments.stream().anyMatch(Experiment::injectsFaults)) {
			throw new IllegalArgumentException("--fault-at=" + faultAt + " is after the load ends (" + (ramp + duration)
					+ " s): the fault would meet no load");
		}
		// 3 users/s keeps the 2-core machine about half busy, so that a fault's effect is
		// not
		// the overload of the instances left (at 5, a killed session-service instance's
		// sibling timed out log-ins and opened the gateway's breaker for everyone)
		double rate = rate(given, "rate", quick ? "1" : "3");
		double stageRate = rate(given, "stage-rate", quick ? "1" : "5");
		Path out = Path.of(given.getOrDefault("out", "docs/results/" + LocalDate.now(ZoneOffset.UTC)));
		boolean resume = Boolean.parseBoolean(given.getOrDefault("resume", "false"));
		if (!resume && SavedRuns.anyIn(out)) {
			// hours of runs are not thrown away by a forgotten option
			throw new IllegalArgumentException(out + " holds runs of an earlier lab: --resume continues it, --out=DIR"
					+ " starts a new one elsewhere (or delete " + out + ")");
		}
		int stages = number(given, "stages", quick ? 3 : 6, 1);
		if (experiments.contains(Experiment.E5) && duration < stages) {
			throw new IllegalArgumentException("--stages=" + stages + " with --duration=" + duration
					+ ": each of E5's stages needs at least a second of load");
		}
		return new LabOptions(experiments, number(given, "repetitions", quick ? 1 : 3, 1), quick, out, resume,
				given.get("stack"), given.getOrDefault("gateway", "http://127.0.0.1:8080").replaceAll("/+$", ""),
				Path.of(given.getOrDefault("jar", "infra/local-stack/target/statewise-local-stack.jar")), rate, ramp,
				duration, faultAt, number(given, "freeze", quick ? 2 : 10, 1), quick ? 2 : 5,
				Duration.ofMillis(quick ? 300 : 500), quick ? 2 : 8, Duration.ofMillis(quick ? 400 : 250),
				number(given, "warm-up", quick ? 3 : 180, 0), stages, stageRate, number(given, "p99-target", 500, 1),
				"./lab " + String.join(" ", args));
	}

	private static double rate(Map<String, String> given, String name, String fallback) {
		String value = given.getOrDefault(name, fallback);
		double rate;
		try {
			rate = Double.parseDouble(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be a number, not '" + value + "'", ex);
		}
		if (!(rate > 0 && rate <= 1000)) {
			throw new IllegalArgumentException("--" + name + " must be above 0 and at most 1000 users per second");
		}
		return rate;
	}

	private static int number(Map<String, String> given, String name, int fallback, int least) {
		String value = given.get(name);
		try {
			int number = (value == null) ? fallback : Integer.parseInt(value);
			if (number < least) {
				throw new IllegalArgumentException("--" + name + " must be at least " + least + ", not " + number);
			}
			return number;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be a whole number, not '" + value + "'", ex);
		}
	}

	/** Seconds of load in one run, ramp included. */
	int loadSeconds() {
		return this.ramp + this.duration;
	}

}
