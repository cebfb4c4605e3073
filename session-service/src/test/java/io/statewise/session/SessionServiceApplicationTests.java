package io.statewise.session;

import io.statewise.testkit.DeployableContractTests;

@SessionTest
class SessionServiceApplicationTests extends DeployableContractTests {

}
