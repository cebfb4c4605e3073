package io.statewise.order;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.statewise.testkit.PostgresTrap;
import io.statewise.testkit.RealDatastores;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one application context the order tests share: real server, real PostgreSQL, and
 * inventory-service faked by {@link FakeInventory} (a remote service, so a fake is fair),
 * and a {@link PostgresTrap} that stops PostgreSQL at a chosen step of a request.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@RealDatastores(database = "orders", redis = false)
@ActiveProfiles("test")
@ContextConfiguration(initializers = FakeInventory.Initializer.class)
@Import(PostgresTrap.class)
public @interface OrderTest {

}
