package io.statewise.order.orders;

import java.util.Optional;
import java.util.UUID;

import io.statewise.order.orders.CheckoutOutcome.Placed;
import io.statewise.order.orders.CheckoutOutcome.Replayed;
import io.statewise.order.orders.CheckoutOutcome.UnknownProducts;
import io.statewise.support.problem.ProblemBodies;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * The one place that knows a checkout's answer: the status and body for each
 * {@link CheckoutOutcome}, kept with the order in the transaction that decided it, and
 * replayed as kept for a repeated {@code Idempotency-Key}. The answer sent the first time
 * and the one replayed are built by the same method, so they cannot differ.
 */
@Component
class CheckoutAnswers {

	private final OrderRepository orders;

	private final JsonMapper json;

	CheckoutAnswers(OrderRepository orders, JsonMapper json) {
		this.orders = orders;
		this.json = json;
	}

	/**
	 * 201 with the decided order, 202 with a PENDING one, 422 problem for unknown
	 * products.
	 */
	CheckoutAnswer answer(CheckoutOutcome outcome) {
		if (outcome instanceof Replayed replayed) {
			return replayed.answer();
		}
		if (outcome instanceof Placed placed) {
			return new CheckoutAnswer((placed.order().status() == OrderStatus.PENDING) ? 202 : 201,
					this.json.writeValueAsString(placed.order()));
		}
		UnknownProducts unknown = (UnknownProducts) outcome;
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
				"inventory-service does not sell " + String.join(", ", unknown.productIds())
						+ "; nothing was reserved and the order was rejected.");
		problem.setTitle("Unknown product");
		problem.setProperty("orderId", unknown.orderId());
		problem.setProperty("unknownProducts", unknown.productIds());
		return new CheckoutAnswer(problem.getStatus(), ProblemBodies.json(problem, OrderController.PATH));
	}

	/** Keeps the outcome's answer with its order, in the caller's transaction. */
	void keep(CheckoutOutcome outcome) {
		CheckoutAnswer answer = answer(outcome);
		this.orders.recordResponse(outcome.orderId(), answer.status(), answer.body());
	}

	/** The answer kept for an order, if its checkout was decided. */
	static Optional<Replayed> kept(UUID orderId, @Nullable Integer status, @Nullable String body) {
		return (status != null && body != null) ? Optional.of(new Replayed(orderId, new CheckoutAnswer(status, body)))
				: Optional.empty();
	}

}
