package io.statewise.inventory;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.statewise.testkit.PostgresTrap;
import io.statewise.testkit.RealDatastores;

import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

/**
 * The one application context most inventory tests share: real server, real datastores, a
 * {@code RestTestClient} that sends to the server, and a {@link PostgresTrap} (inert
 * until armed) that stops PostgreSQL at a chosen step of a request.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@RealDatastores(database = "inventory")
@AutoConfigureRestTestClient
@Import(PostgresTrap.class)
public @interface InventoryTest {

}
