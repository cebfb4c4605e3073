package io.statewise.gateway;

import io.statewise.testkit.DeployableContractTests;

/** The promises every deployable makes operations, kept by the gateway. */
@GatewayTest
class GatewayApplicationTests extends DeployableContractTests {

}
