package io.statewise.inventory.reservation;

import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.statewise.support.problem.DatabaseUnavailable;
import io.statewise.support.problem.ProblemException;
import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The reservation API order-service calls; under {@code /internal}, which the gateway
 * never routes. {@code PUT} because reserving an order id is idempotent by definition.
 */
@RestController
@RequestMapping("/internal/reservations/{orderId}")
class ReservationController {

	private final ReservationService reservations;

	private final MeterRegistry meters;

	ReservationController(ReservationService reservations, MeterRegistry meters) {
		this.reservations = reservations;
		this.meters = meters;
	}

	@PutMapping
	Reservation reserve(@PathVariable UUID orderId, @RequestBody @Valid ReservationRequest request) {
		return measured("reserve", () -> this.reservations.reserve(orderId, request.lines()));
	}

	@PostMapping("/release")
	Reservation release(@PathVariable UUID orderId) {
		return measured("release", () -> this.reservations.release(orderId));
	}

	@PostMapping("/commit")
	Reservation commit(@PathVariable UUID orderId) {
		return measured("commit", () -> this.reservations.commit(orderId));
	}

	@GetMapping
	Reservation get(@PathVariable UUID orderId) {
		return this.reservations.get(orderId);
	}

	/** Counts each call by operation and outcome and times it. */
	private Reservation measured(String operation, java.util.function.Supplier<Reservation> call) {
		Timer.Sample sample = Timer.start(this.meters);
		String outcome = "error";
		try {
			Reservation reservation = call.get();
			outcome = reservation.status().name().toLowerCase();
			return reservation;
		}
		catch (ProblemException ex) {
			outcome = (ex.getStatusCode().value() == 409) ? "conflict" : "invalid";
			throw ex;
		}
		catch (RuntimeException ex) {
			outcome = DatabaseUnavailable.is(ex) ? "unavailable" : "error";
			throw ex;
		}
		finally {
			sample.stop(
					this.meters.timer("statewise.inventory.reservations", "operation", operation, "outcome", outcome));
		}
	}

}
