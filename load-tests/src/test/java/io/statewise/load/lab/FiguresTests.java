package io.statewise.load.lab;

import java.util.List;
import java.util.Map;

import io.statewise.load.lab.RunResult.ComponentRow;
import io.statewise.load.lab.RunResult.RequestRow;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * E3's and E4's figures from per-second rows made up here: only the window's requests
 * count, a figure with nothing to measure is NaN (never 0), gauges of several instances
 * add up (or not, for a count every instance reports for the whole service).
 */
class FiguresTests {

	private static final List<RequestRow> CHECKOUTS = List.of(checkout(9, 2, 2, 40, 201), checkout(10, 3, 1, 1500, 202),
			checkout(11, 2, 0, 3000, 0), checkout(12, 2, 2, 60, 202), checkout(13, 2, 2, 50, 201), browse(10, 4, 4));

	@Test
	void checkoutFiguresShouldCountOnlyCheckoutsSentDuringTheOutage() {
		assertThat(Figures.availability(CHECKOUTS, Figures.named("checkout"), 10.4, 12.6)).isEqualTo(100.0 * 3 / 7);
		assertThat(Figures.latency(CHECKOUTS, Figures.named("checkout"), 10.4, 12.6, 99)).isEqualTo(3000);
		assertThat(Figures.answered(CHECKOUTS, Figures.named("checkout"), 202, 10.4, 12.6)).isEqualTo(3);
		assertThat(Figures.availability(CHECKOUTS, Figures.inGroup("browse"), 10.4, 12.6)).isEqualTo(100);
	}

	@Test
	void nothingSentInTheWindowShouldBeNotMeasuredRatherThanZero() {
		assertThat(Figures.availability(CHECKOUTS, Figures.named("checkout"), 20, 30)).isNaN();
		assertThat(Figures.latency(CHECKOUTS, Figures.inGroup("browse"), 11, 13, 50)).isNaN();
	}

	@Test
	void recoveryShouldBeTheTimeToTheFirstCheckoutConfirmedAfterTheOutage() {
		assertThat(Figures.firstAnswered(CHECKOUTS, Figures.named("checkout"), 201, 12.5)).isEqualTo(0.5);
		assertThat(Figures.firstAnswered(CHECKOUTS, Figures.named("checkout"), 201, 14)).isNaN();
	}

	@Test
	void peaksShouldAddInstancesUpAndBacklogsShouldNot() {
		List<ComponentRow> rows = List.of(gauges(9, "order-service-1", 30), gauges(10, "order-service-1", 12),
				gauges(10, "order-service-2", 11), gauges(11, "order-service-1", 0), gauges(11, "order-service-2", 2),
				gauges(12, "order-service-1", 0), gauges(12, "order-service-2", 0),
				gauges(10, "inventory-service-1", 99));

		assertThat(Figures.peak(rows, "order-service", Figures.gauge("g"), 10)).isEqualTo(23);
		assertThat(Figures.highest(rows, "order-service", Figures.gauge("g"), 10)).isEqualTo(12);
		assertThat(Figures.untilZero(rows, "order-service", Figures.gauge("g"), 10.5)).isEqualTo(1.5);
		assertThat(Figures.growth(rows, "order-service", "g")).isEqualTo(-30 + -11);
	}

	@Test
	void inUseShouldBeTheMaximumLessWhatIsAvailable() {
		ComponentRow row = new ComponentRow(1, "order-service-1", "RUNNING", "", null, null,
				Map.of("max", 20.0, "available", 3.0));

		assertThat(Figures.inUse("max", "available").apply(row)).isEqualTo(17);
		assertThat(Figures.inUse("max", "missing").apply(row)).isNull();
	}

	@Test
	void failoversShouldCountChangesOfWhereTheSentinelsSayThePrimaryIs() {
		List<ComponentRow> rows = List.of(sentinels(1, "127.0.0.1:16379"), sentinels(2, ""),
				sentinels(3, "127.0.0.1:16379"), sentinels(4, "127.0.0.1:16380"), sentinels(5, "127.0.0.1:16380"));

		assertThat(Figures.failovers(rows)).isEqualTo(1);
		assertThat(Figures.failovers(rows.subList(0, 3))).isZero();
		assertThat(Figures.failovers(List.of(sentinels(1, "")))).isNaN();
	}

	@Test
	void stolenShareShouldBeTakenOverTheMachinesTimeBetweenTheFirstAndLastSecond() {
		// /proc/stat: cpu user nice system idle iowait irq softirq steal (ticks of 10 ms)
		Map<String, Double> first = Sampler.machineMillis("cpu  100 0 50 800 0 0 0 50 0 0");
		Map<String, Double> last = Sampler.machineMillis("cpu  160 0 70 880 0 0 0 90 0 0");
		assertThat(first).containsEntry(Sampler.MACHINE_MILLIS, 10_000.0).containsEntry(Sampler.STOLEN_MILLIS, 500.0);

		List<ComponentRow> rows = List.of(machine(1, first), gauges(2, "order-service-1", 3), machine(3, last));

		// 200 ticks passed, 40 of them stolen
		assertThat(Figures.stolenPercent(rows)).isEqualTo(20.0);
		assertThat(Figures.stolenPercent(rows.subList(0, 2))).isNaN();
		assertThat(Sampler.machineMillis("intr 1 2 3")).isEmpty();
	}

	private static ComponentRow machine(int t, Map<String, Double> millis) {
		return new ComponentRow(t, Sampler.MACHINE, "RUNNING", "", null, null, millis);
	}

	private static ComponentRow sentinels(int t, String primary) {
		return new ComponentRow(t, Sampler.SENTINELS, "RUNNING", primary, null, null);
	}

	private static RequestRow checkout(int t, long sent, long ok, int millis, int status) {
		Map<Integer, Long> statuses = (status == 0) ? Map.of() : Map.of(status, ok);
		return new RequestRow(t, "checkout", "checkout", sent, ok, sent - ok, List.of(millis), statuses);
	}

	private static RequestRow browse(int t, long sent, long ok) {
		return new RequestRow(t, "category page", "browse", sent, ok, sent - ok, List.of(20), Map.of(200, ok));
	}

	private static ComponentRow gauges(int t, String component, double value) {
		return new ComponentRow(t, component, "RUNNING", "", null, null, Map.of("g", value));
	}

}
