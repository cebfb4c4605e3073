package io.statewise.order;

import io.statewise.embedded.test.DeployableContractTests;

@OrderTest
class OrderServiceApplicationTests extends DeployableContractTests {

}
