package io.statewise.inventory.reservation;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The lines to reserve for one order: all or nothing. */
record ReservationRequest(
		@NotNull @NotEmpty @Size(max = ReservationRequest.MAX_LINES) List<@Valid @NotNull Line> lines) {

	static final int MAX_LINES = 50;

	static final int MAX_QUANTITY = 100;

	record Line(
			@Schema(example = "TEA-001") @NotNull @Pattern(regexp = "[A-Z0-9-]{1,32}",
					message = "must be a product id") String productId,
			@Schema(example = "2") @Min(1) @Max(MAX_QUANTITY) int quantity) {

	}

}
