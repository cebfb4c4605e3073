package io.statewise.session;

import io.statewise.embedded.test.OpenApiContractTests;

@SessionTest
class OpenApiDescriptionTests extends OpenApiContractTests {

	@Override
	protected int minimumOperations() {
		return 10;
	}

}
