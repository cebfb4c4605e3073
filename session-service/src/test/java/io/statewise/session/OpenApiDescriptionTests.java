package io.statewise.session;

import io.statewise.testkit.OpenApiContractTests;

@SessionTest
class OpenApiDescriptionTests extends OpenApiContractTests {

	@Override
	protected int minimumOperations() {
		return 10;
	}

}
