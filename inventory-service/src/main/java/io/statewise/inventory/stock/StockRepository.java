package io.statewise.inventory.stock;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
class StockRepository {

	private final JdbcClient jdbc;

	StockRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<StockLevel> find(String productId) {
		return this.jdbc
			.sql("SELECT product_id, received, available, reserved, committed FROM stock WHERE product_id = ?")
			.param(productId)
			.query(StockLevel.class)
			.optional();
	}

	/**
	 * Adds units to a product and the ledger in one transaction. A repeated
	 * {@code Idempotency-Key} (unique in the ledger) adds nothing the second time, and is
	 * refused when it named another product or quantity: answering as if it were a replay
	 * would tell the caller units were added that were not. A concurrent request with the
	 * same key makes the insert wait for its commit, so the ledger row read after a
	 * conflict is always there.
	 */
	@Transactional
	Restock restock(String productId, int quantity, @Nullable String idempotencyKey) {
		if (find(productId).isEmpty()) {
			return new Restock.UnknownProduct();
		}
		int recorded = this.jdbc.sql("""
				INSERT INTO stock_movement (product_id, kind, quantity, restock_key)
				VALUES (:product, 'RECEIVED', :quantity, :key)
				ON CONFLICT (restock_key) DO NOTHING
				""").param("product", productId).param("quantity", quantity).param("key", idempotencyKey).update();
		if (recorded == 1) {
			this.jdbc.sql("""
					UPDATE stock SET received = received + :quantity, available = available + :quantity
					WHERE product_id = :product
					""").param("product", productId).param("quantity", quantity).update();
		}
		else {
			Restock.KeyReused first = this.jdbc
				.sql("SELECT product_id, quantity FROM stock_movement WHERE restock_key = ?")
				.param(idempotencyKey)
				.query(Restock.KeyReused.class)
				.single();
			if (!first.productId().equals(productId) || first.quantity() != quantity) {
				return first;
			}
		}
		return new Restock.Done(find(productId).orElseThrow());
	}

}
