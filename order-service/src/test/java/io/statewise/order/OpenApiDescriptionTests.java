package io.statewise.order;

import io.statewise.testkit.OpenApiContractTests;
import io.statewise.testkit.TestIdentity;

@OrderTest
class OpenApiDescriptionTests extends OpenApiContractTests {

	@Override
	protected int minimumOperations() {
		return 4;
	}

	/** Orders belong to a signed-in user: without one every operation is a 401. */
	@Override
	protected String[] callerHeaders() {
		return new String[] { TestIdentity.HEADER, TestIdentity.of(Shop.user()) };
	}

}
