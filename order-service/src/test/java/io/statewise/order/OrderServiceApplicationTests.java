package io.statewise.order;

import io.statewise.embedded.test.DeployableContractTests;
import io.statewise.embedded.test.RealDatastores;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@RealDatastores(database = "orders")
class OrderServiceApplicationTests extends DeployableContractTests {

}
