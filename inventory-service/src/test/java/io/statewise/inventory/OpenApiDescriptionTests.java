package io.statewise.inventory;

import io.statewise.embedded.test.OpenApiContractTests;

@InventoryTest
class OpenApiDescriptionTests extends OpenApiContractTests {

	@Override
	protected int minimumOperations() {
		return 10;
	}

}
