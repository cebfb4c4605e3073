package io.statewise.inventory.stock;

/** What a restock request came to. */
sealed interface Restock {

	/** Units added now, or by an earlier request with the same Idempotency-Key. */
	record Done(StockLevel stock) implements Restock {

	}

	/** No such product; nothing added. */
	record UnknownProduct() implements Restock {

	}

	/**
	 * The Idempotency-Key already named another restock (this product and quantity);
	 * nothing added.
	 */
	record KeyReused(String productId, int quantity) implements Restock {

	}

}
