package io.statewise.order;

import io.statewise.testkit.DeployableContractTests;

@OrderTest
class OrderServiceApplicationTests extends DeployableContractTests {

}
