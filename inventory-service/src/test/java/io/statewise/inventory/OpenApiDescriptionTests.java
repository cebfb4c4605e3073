package io.statewise.inventory;

import io.statewise.testkit.OpenApiContractTests;

@InventoryTest
class OpenApiDescriptionTests extends OpenApiContractTests {

	@Override
	protected int minimumOperations() {
		return 10;
	}

}
