package io.statewise.inventory.reservation;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.statewise.inventory.reservation.Reservation.ReservedLine;
import io.statewise.inventory.reservation.Reservation.Status;
import io.statewise.inventory.reservation.Reservation.ShortLine;
import io.statewise.inventory.reservation.ReservationRepository.Claim;
import io.statewise.inventory.reservation.ReservationRepository.Header;
import io.statewise.inventory.reservation.ReservationRepository.Movement;
import io.statewise.inventory.reservation.ReservationRepository.StockRow;
import io.statewise.inventory.reservation.ReservationRequest.Line;
import io.statewise.support.lines.ProductLines;
import io.statewise.support.problem.ProblemException;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reserve, release and commit, each one transaction and each safe to repeat. The order id
 * is the idempotency key: the first call decides, repeats read what it decided.
 */
@Service
class ReservationService {

	private final ReservationRepository repository;

	ReservationService(ReservationRepository repository) {
		this.repository = repository;
	}

	/**
	 * Reserves every line or none. A concurrent identical call waits on the order id's
	 * row and then returns this call's result; different lines for a used order id are a
	 * conflict.
	 */
	@Transactional
	Reservation reserve(UUID orderId, List<Line> requested) {
		List<Line> lines = ProductLines.normalized(requested, Line::productId);
		String fingerprint = ProductLines.fingerprint(lines, Line::productId, Line::quantity);
		Claim claim = this.repository.claimAndLock(orderId, fingerprint, lines.stream().map(Line::productId).toList());
		// no locked row at all means no known product: 404 below, whether or not the
		// claim won
		if (!claim.claimed() && !claim.rows().isEmpty()) {
			return existing(orderId, fingerprint);
		}
		Map<String, StockRow> stock = byProduct(lines.stream().map(Line::productId).toList(), claim.rows());
		List<ReservedLine> priced = lines.stream()
			.map((line) -> new ReservedLine(line.productId(), line.quantity(), stock.get(line.productId()).price()))
			.toList();
		List<ShortLine> shortLines = lines.stream()
			.filter((line) -> stock.get(line.productId()).available() < line.quantity())
			.map((line) -> new ShortLine(line.productId(), line.quantity(), stock.get(line.productId()).available()))
			.toList();
		if (!shortLines.isEmpty()) {
			this.repository.keepRejectedLines(orderId, priced, lines.stream().map((line) -> {
				int available = stock.get(line.productId()).available();
				return (available < line.quantity()) ? available : null;
			}).toList());
			this.repository.setStatus(orderId, Status.REJECTED);
			return new Reservation(orderId, Status.REJECTED, priced, shortLines);
		}
		this.repository.move(orderId, priced, Movement.RESERVED);
		return new Reservation(orderId, Status.RESERVED, priced, List.of());
	}

	/**
	 * Gives reserved units back. Releasing an order id never seen leaves a RELEASED
	 * marker, so a reserve that arrives late (a retry overtaken by the release) cannot
	 * take stock for an order that was already given up.
	 */
	@Transactional
	Reservation release(UUID orderId) {
		Header header = this.repository.lock(orderId).orElse(null);
		if (header == null) {
			if (this.repository.claimReleased(orderId)) {
				return this.repository.load(orderId, Status.RELEASED);
			}
			header = this.repository.lock(orderId).orElseThrow();
		}
		return switch (header.status()) {
			case RESERVED -> finish(orderId, Movement.RELEASED, Status.RELEASED);
			case RELEASED, REJECTED -> this.repository.load(orderId, header.status());
			case COMMITTED -> throw conflict(orderId, "it was already committed (fulfilled)");
		};
	}

	/** Marks reserved units as fulfilled: they leave the shelf for good. */
	@Transactional
	Reservation commit(UUID orderId) {
		Header header = this.repository.lock(orderId).orElseThrow(() -> notFound(orderId));
		return switch (header.status()) {
			case RESERVED -> finish(orderId, Movement.COMMITTED, Status.COMMITTED);
			case COMMITTED -> this.repository.load(orderId, Status.COMMITTED);
			case RELEASED, REJECTED -> throw conflict(orderId, "it is " + header.status().name().toLowerCase());
		};
	}

	@Transactional(readOnly = true)
	Reservation get(UUID orderId) {
		Header header = this.repository.find(orderId).orElseThrow(() -> notFound(orderId));
		return this.repository.load(orderId, header.status());
	}

	private Reservation finish(UUID orderId, Movement movement, Status status) {
		Reservation reserved = this.repository.load(orderId, Status.RESERVED);
		this.repository.lockStock(reserved.lines().stream().map(ReservedLine::productId).toList());
		this.repository.move(orderId, reserved.lines(), movement);
		this.repository.setStatus(orderId, status);
		return new Reservation(orderId, status, reserved.lines(), List.of());
	}

	/**
	 * The locked rows by product id; any product without a row is unknown: 404, all
	 * rolled back.
	 */
	private static Map<String, StockRow> byProduct(List<String> productIds, List<StockRow> locked) {
		Map<String, StockRow> rows = locked.stream()
			.collect(Collectors.toMap(StockRow::productId, Function.identity()));
		List<String> unknown = productIds.stream().filter((id) -> !rows.containsKey(id)).toList();
		if (!unknown.isEmpty()) {
			throw new ProblemException(HttpStatus.NOT_FOUND, "Unknown product",
					"No product with id " + String.join(", ", unknown) + "; nothing was reserved.")
				.with("unknownProducts", unknown);
		}
		return rows;
	}

	private Reservation existing(UUID orderId, String fingerprint) {
		Header header = this.repository.find(orderId).orElseThrow();
		if (!fingerprint.equals(header.fingerprint())) {
			throw conflict(orderId, (header.fingerprint() == null) ? "it was released before it was reserved"
					: "it was reserved with different lines");
		}
		return this.repository.load(orderId, header.status());
	}

	private static ProblemException conflict(UUID orderId, String why) {
		return new ProblemException(HttpStatus.CONFLICT, "Reservation conflict",
				"Order " + orderId + " cannot be changed that way: " + why + ".");
	}

	private static ProblemException notFound(UUID orderId) {
		return new ProblemException(HttpStatus.NOT_FOUND, "Unknown reservation",
				"No reservation for order " + orderId + ".");
	}

}
