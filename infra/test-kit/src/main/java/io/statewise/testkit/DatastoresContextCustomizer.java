package io.statewise.testkit;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Applies {@link RealDatastoresInitializer} to a test context. A record, so contexts with
 * the same database share Spring's context cache.
 */
record DatastoresContextCustomizer(String database, boolean redis) implements ContextCustomizer {

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
		new RealDatastoresInitializer(this.database, this.redis).initialize(context);
	}

}
