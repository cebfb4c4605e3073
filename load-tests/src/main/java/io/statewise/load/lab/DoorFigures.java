package io.statewise.load.lab;

import java.util.List;

import io.statewise.load.lab.RunResult.Measure;

/**
 * One E7 run's figures: the same request asked directly and through the variant's
 * gateway, in turn, at {@value DoorPrice#CONNECTIONS} connections (throughput, p99) and
 * at one (p50: the latency the gateway adds, without queueing).
 *
 * @param directPerSecond answers per second, direct
 * @param gatewayPerSecond answers per second, through the gateway
 * @param directP99 99th percentile response time at full concurrency, direct, ms
 * @param gatewayP99 the same through the gateway, ms
 * @param directP50 median response time at one connection, direct, µs
 * @param gatewayP50 the same through the gateway, µs
 * @param gatewayCpu the gateway process's CPU time (user + system, {@code /proc}) over
 * its full-concurrency measurement ÷ the requests it answered, µs ({@code NaN} where
 * {@code /proc} does not tell)
 */
record DoorFigures(double directPerSecond, double gatewayPerSecond, double directP99, double gatewayP99,
		double directP50, double gatewayP50, double gatewayCpu) {

	/** The figures in the report's order, with their names and units. */
	static final List<Measure> ALL = List.of(
			new Measure("directPerSecond", "direct req/s (c=" + DoorPrice.CONNECTIONS + ")"),
			new Measure("gatewayPerSecond", "gateway req/s"), new Measure("ratio", "gateway ÷ direct"),
			new Measure("directP99", "direct p99 ms"), new Measure("gatewayP99", "gateway p99 ms"),
			new Measure("directP50", "direct p50 µs (c=1)"), new Measure("gatewayP50", "gateway p50 µs (c=1)"),
			new Measure("addedP50", "added p50 µs (c=1)"), new Measure("gatewayCpu", "gateway CPU µs per request"));

	/** Gateway throughput as a share of direct, measured back to back. */
	double ratio() {
		return this.gatewayPerSecond / this.directPerSecond;
	}

	/** What the hop through the gateway adds to the median at one connection, µs. */
	double addedP50() {
		return this.gatewayP50 - this.directP50;
	}

	double get(String name) {
		return switch (name) {
			case "directPerSecond" -> this.directPerSecond;
			case "gatewayPerSecond" -> this.gatewayPerSecond;
			case "ratio" -> ratio();
			case "directP99" -> this.directP99;
			case "gatewayP99" -> this.gatewayP99;
			case "directP50" -> this.directP50;
			case "gatewayP50" -> this.gatewayP50;
			case "addedP50" -> addedP50();
			case "gatewayCpu" -> this.gatewayCpu;
			default -> throw new IllegalArgumentException(name);
		};
	}

}
