package io.statewise.load.lab;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

/**
 * Reads one catalog page through the gateway at a steady pace during a run and keeps what
 * each answer said about its freshness: inventory-service marks an answer served stale
 * from its cache ({@code Cache-Status: ...; fwd=stale}) and says how old it is
 * ({@code Age}, seconds; docs/inventory-service.md). The lab's E4 reports the oldest.
 */
final class CatalogProbe implements AutoCloseable {

	private static final String PAGE = "/api/catalog/products?category=tea";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String gateway;

	private final Duration interval;

	private final List<Answer> answers = new CopyOnWriteArrayList<>();

	private volatile boolean reading;

	private @Nullable Thread reader;

	CatalogProbe(String gateway, Duration interval) {
		this.gateway = gateway;
		this.interval = interval;
	}

	CatalogProbe start() {
		this.reading = true;
		this.reader = new Thread(this::readUntilStopped, "lab-catalog-probe");
		this.reader.setDaemon(true);
		this.reader.start();
		return this;
	}

	private void readUntilStopped() {
		long next = System.nanoTime();
		while (this.reading) {
			this.answers.add(read());
			next += this.interval.toNanos();
			LockSupport.parkNanos(next - System.nanoTime());
		}
	}

	private Answer read() {
		long sent = System.currentTimeMillis();
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.gateway + PAGE))
			.timeout(Duration.ofSeconds(5))
			.header("Accept", "application/json")
			.build();
		try {
			HttpResponse<Void> answer = this.http.send(request, HttpResponse.BodyHandlers.discarding());
			boolean stale = answer.headers().firstValue("Cache-Status").orElse("").contains("fwd=stale");
			long age = answer.headers().firstValue("Age").map(Long::parseLong).orElse(-1L);
			return new Answer(sent, answer.statusCode(), stale, age);
		}
		catch (IOException | RuntimeException ex) {
			return new Answer(sent, 0, false, -1);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Answer(sent, 0, false, -1);
		}
	}

	List<Answer> answers() {
		return List.copyOf(this.answers);
	}

	/**
	 * The oldest answer served stale among those sent between the two moments (epoch
	 * millis), in seconds; {@code NaN} when none was stale.
	 */
	static double oldestStale(List<Answer> answers, long from, long to) {
		return answers.stream()
			.filter((answer) -> answer.stale() && answer.sentMillis() >= from && answer.sentMillis() < to)
			.mapToDouble(Answer::ageSeconds)
			.max()
			.orElse(Double.NaN);
	}

	@Override
	public void close() {
		this.reading = false;
		if (this.reader != null) {
			try {
				this.reader.join(Duration.ofSeconds(10).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * One read: status 0 for no answer; {@code ageSeconds} -1 when the answer had no
	 * {@code Age}.
	 */
	record Answer(long sentMillis, int status, boolean stale, long ageSeconds) {

	}

}
