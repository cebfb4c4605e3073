package io.statewise.inventory;

import io.statewise.embedded.test.DeployableContractTests;

@InventoryTest
class InventoryServiceApplicationTests extends DeployableContractTests {

}
