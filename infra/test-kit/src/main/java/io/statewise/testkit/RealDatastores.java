package io.statewise.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.ContextCustomizerFactories;

/**
 * Points a Spring Boot test at real datastores: the JVM's shared PostgreSQL (the given
 * service database) and Redis, published as {@code JdbcConnectionDetails} and
 * {@code DataRedisConnectionDetails} beans, exactly as {@code @ServiceConnection} does
 * for Testcontainers. The servers start on first use and stop at JVM exit; contexts that
 * ask for the same database are cached and shared.
 * <p>
 * Usage: annotate a {@code @SpringBootTest} class with
 * {@code RealDatastores(database = "inventory")}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ContextCustomizerFactories(DatastoresContextCustomizerFactory.class)
public @interface RealDatastores {

	/**
	 * The service database to connect to ({@code accounts}, {@code orders} or
	 * {@code inventory}); empty for none.
	 */
	String database() default "";

	/** Whether to publish the Redis connection as well. */
	boolean redis() default true;

}
