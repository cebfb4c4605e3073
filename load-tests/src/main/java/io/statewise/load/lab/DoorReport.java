package io.statewise.load.lab;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

import io.statewise.load.lab.Experiment.Variant;
import io.statewise.load.lab.RunResult.Measure;
import org.jspecify.annotations.Nullable;

/**
 * E7's part of the report: how it was measured, a table of every variant's figures
 * (median, lowest–highest, runs), and bars with their spread for what the gateway adds
 * per request: latency at one connection and its CPU.
 */
final class DoorReport {

	private DoorReport() {
	}

	/**
	 * @param spread a variant's figure over its completed runs, {@code null} when none
	 * has it
	 */
	static String section(LabOptions options, List<Variant> ran,
			BiFunction<Variant, String, Stats.@Nullable Spread> spread, Path dir) {
		StringBuilder md = new StringBuilder("\nEach run: `GET ").append(DoorPrice.PATH)
			.append("` (inventory-service answers it from its Redis cache), asked directly at inventory-service-1")
			.append(" and through a gateway started for the run beside the stack (its own JVM, the stack's gateway")
			.append(" jar, routed to inventory-service-1 only, rate limits out of reach with the limiter running).")
			.append(" After ")
			.append(options.warmUp())
			.append(" s of load through it that are not measured, direct and gateway in turn, ")
			.append(DoorPrice.secondsEach(options))
			.append(" s each: at ")
			.append(DoorPrice.CONNECTIONS)
			.append(" connections (throughput, p99, and the gateway's CPU over its run from `/proc` ÷ the")
			.append(" requests it answered), then at one (p50: what the hop adds without queueing). A closed")
			.append(" model with keep-alive (Apache HttpClient 5 in the lab's JVM, which shares the machine).")
			.append(" The catalog route asks edge authentication for writes only, so the catalog read never meets")
			.append(" it; **")
			.append(DoorPrice.SIGNED_IN)
			.append("** asks instead `GET ")
			.append(DoorPrice.ORDERS.path())
			.append("` as ")
			.append(DoorPrice.CONNECTIONS)
			.append(" users signed up and logged in through the stack's gateway, one per connection: through")
			.append(" E7's gateway with the user's session cookie (introspected at session-service, cached for")
			.append(" 1 s, then an identity signed per request), and directly at `")
			.append(DoorPrice.ORDERS.backend())
			.append(" ")
			.append(DoorPrice.ORDERS.path())
			.append("` with the identity the gateway would have signed. What it adds beyond *everything on* is")
			.append(" edge authentication's price, with a different backend's answer (an empty order list read from")
			.append(" PostgreSQL) in both paths.\n\n");
		DoorPrice.VARIANTS.forEach((name, arguments) -> md.append("- **")
			.append(name)
			.append("**: ")
			.append(arguments.isEmpty() ? "as configured" : "`" + String.join(" ", arguments) + "`")
			.append(name.equals(DoorPrice.SIGNED_IN) ? ", `GET " + DoorPrice.ORDERS.path() + "`" : "")
			.append('\n'));
		md.append("\n| variant | ")
			.append(DoorFigures.ALL.stream().map(Measure::label).collect(Collectors.joining(" | ")))
			.append(" |\n|---|")
			.append("---|".repeat(DoorFigures.ALL.size()))
			.append('\n');
		for (Variant variant : ran) {
			md.append("| ").append(variant.name()).append(" | ");
			md.append(DoorFigures.ALL.stream().map((measure) -> {
				Stats.Spread figure = spread.apply(variant, measure.name());
				return (figure == null) ? "—" : Report.format(figure);
			}).collect(Collectors.joining(" | "))).append(" |\n");
		}
		md.append('\n');
		for (String measure : List.of("addedP50", "gatewayCpu")) {
			Map<String, Stats.Spread> spreads = new LinkedHashMap<>();
			for (Variant variant : ran) {
				Stats.Spread figure = spread.apply(variant, measure);
				if (figure != null) {
					spreads.put(variant.name(), figure);
				}
			}
			String label = DoorFigures.ALL.stream()
				.filter((candidate) -> candidate.name().equals(measure))
				.findFirst()
				.orElseThrow()
				.label();
			String file = "e7-" + measure + ".svg";
			Charts.bars("E7: " + label, label, spreads, dir.resolve(file));
			md.append("![E7: ").append(label).append("](").append(file).append(")\n");
		}
		return md.append('\n').toString();
	}

}
