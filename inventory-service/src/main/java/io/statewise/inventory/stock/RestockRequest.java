package io.statewise.inventory.stock;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Units that arrived for a product. */
record RestockRequest(@Min(1) @Max(100_000) int quantity) {

}
