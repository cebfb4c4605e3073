package io.statewise.inventory;

import io.statewise.testkit.DeployableContractTests;

@InventoryTest
class InventoryServiceApplicationTests extends DeployableContractTests {

}
