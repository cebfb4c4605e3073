package io.statewise.inventory.stock;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Units that arrived for a product. */
record RestockRequest(@Schema(example = "24") @Min(1) @Max(100_000) int quantity) {

}
