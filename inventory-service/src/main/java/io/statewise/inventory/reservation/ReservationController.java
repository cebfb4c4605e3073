package io.statewise.inventory.reservation;

import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.statewise.support.problem.DatabaseUnavailable;
import io.statewise.support.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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

	private static final String ORDER_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

	private final ReservationService reservations;

	private final MeterRegistry meters;

	ReservationController(ReservationService reservations, MeterRegistry meters) {
		this.reservations = reservations;
		this.meters = meters;
	}

	@PutMapping
	@Operation(summary = "Reserve every line or none, once per order id")
	@ApiResponse(responseCode = "200",
			description = "RESERVED, or REJECTED with the short lines (stock untouched); "
					+ "a repeat answers what the first call decided")
	@ApiResponse(responseCode = "404", description = "Unknown products; nothing was reserved")
	@ApiResponse(responseCode = "409", description = "The order id was reserved with other lines, or released first")
	Reservation reserve(@PathVariable @Parameter(example = ORDER_ID) UUID orderId,
			@RequestBody @Valid ReservationRequest request) {
		return measured("reserve", () -> this.reservations.reserve(orderId, request.lines()));
	}

	@PostMapping("/release")
	@Operation(summary = "Give reserved units back; an unknown order id is marked released")
	@ApiResponse(responseCode = "200", description = "RELEASED (or REJECTED, as it was)")
	@ApiResponse(responseCode = "409", description = "Already committed")
	Reservation release(@PathVariable @Parameter(example = ORDER_ID) UUID orderId) {
		return measured("release", () -> this.reservations.release(orderId));
	}

	@PostMapping("/commit")
	@Operation(summary = "Mark reserved units fulfilled")
	@ApiResponse(responseCode = "200", description = "COMMITTED")
	@ApiResponse(responseCode = "404", description = "Unknown reservation")
	@ApiResponse(responseCode = "409", description = "Released or rejected")
	Reservation commit(@PathVariable @Parameter(example = ORDER_ID) UUID orderId) {
		return measured("commit", () -> this.reservations.commit(orderId));
	}

	@GetMapping
	@Operation(summary = "A reservation")
	@ApiResponse(responseCode = "200", description = "The reservation")
	@ApiResponse(responseCode = "404", description = "Unknown reservation")
	Reservation get(@PathVariable @Parameter(example = ORDER_ID) UUID orderId) {
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
