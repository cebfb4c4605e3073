package io.statewise.order.orders;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.statewise.order.inventory.Line;
import io.statewise.order.inventory.Money;
import io.statewise.order.inventory.ShortLine;
import org.jspecify.annotations.Nullable;

/**
 * An order as the API shows it. Prices and the total are the snapshot inventory answered
 * when it reserved the lines: {@code null} while the order is PENDING.
 */
public record Order(UUID id, OrderStatus status, @Nullable String reason, List<OrderLine> lines,
		List<ShortLine> shortLines, @Nullable Money total, Instant createdAt, Instant updatedAt,
		List<StatusChange> history) {

	/**
	 * A new order as its checkout recorded it: what a read would show before anything
	 * else happened to it, known without reading it back.
	 */
	static Order recorded(UUID id, List<Line> lines, Instant createdAt) {
		return new Order(id, OrderStatus.PENDING, null,
				lines.stream().map((line) -> new OrderLine(line.productId(), line.quantity(), null)).toList(),
				List.of(), null, createdAt, createdAt, List.of(new StatusChange(OrderStatus.PENDING, null, createdAt)));
	}

	public record OrderLine(String productId, int quantity, @Nullable Money unitPrice) {

	}

	public record StatusChange(OrderStatus status, @Nullable String reason, Instant at) {

	}

}
