package io.statewise.testkit;

import java.sql.Connection;
import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

import static org.awaitility.Awaitility.await;

/**
 * Every test starts from a database its context can reach, whatever the test class before
 * it broke. Tests that stop PostgreSQL start it again when they end, but a context they
 * do not own (the one most test classes share) still holds connections to the server that
 * was stopped, and on a busy machine its pool may need more than its 1 s connection
 * timeout to replace them: the next test class then failed with "cannot get a connection"
 * for a reason that is not its own. Waiting here, before each test method, until the
 * context's own pool hands out a valid connection (at most 30 s) closes that race without
 * loosening the services' fail-fast settings. Registered for every Spring test through
 * {@code META-INF/spring.factories}; contexts without a {@code DataSource} are left
 * alone.
 */
public final class HealthyDatastores extends AbstractTestExecutionListener {

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void beforeTestMethod(TestContext testContext) {
		if (!testContext.hasApplicationContext()) {
			return;
		}
		ApplicationContext context = testContext.getApplicationContext();
		DataSource dataSource = context.getBeanProvider(DataSource.class).getIfAvailable();
		if (dataSource == null) {
			return;
		}
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
			try (Connection connection = dataSource.getConnection()) {
				return connection.isValid(1);
			}
		});
	}

}
