package io.statewise.session;

import io.statewise.embedded.test.DeployableContractTests;

@SessionTest
class SessionServiceApplicationTests extends DeployableContractTests {

}
