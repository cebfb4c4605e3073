package io.statewise.testkit;

import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/**
 * What every Spring test context, and every instance a test starts itself, gets:
 * <ul>
 * <li>its servers listen on the loopback interface only: the application's port and its
 * management port default to {@code 127.0.0.1} (Tomcat and Netty listen on every
 * interface otherwise);</li>
 * <li>the key that verifies {@link TestIdentity}'s signed callers, and the id a gateway
 * signs with, so a service under test, a web slice or a gateway accepts what tests
 * sign.</li>
 * </ul>
 * The defaults are the lowest-precedence property source, so a test may still choose.
 * Applied to every test context through {@code META-INF/spring.factories}, and to an
 * instance a test starts with
 * {@code new SpringApplicationBuilder(...).initializers(new TestDefaults())}.
 */
public final class TestDefaults
		implements ApplicationContextInitializer<ConfigurableApplicationContext>, ContextCustomizerFactory {

	private static final Map<String, Object> DEFAULTS = Map.of("server.address", "127.0.0.1",
			"management.server.address", "127.0.0.1", "statewise.identity.keys", TestIdentity.KEYS,
			"statewise.identity.signing-key", TestIdentity.KEY_ID);

	/** One instance for every test context, so that it never splits the context cache. */
	private static final ContextCustomizer CUSTOMIZER = (context, configuration) -> apply(context);

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		apply(context);
	}

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return CUSTOMIZER;
	}

	private static void apply(ConfigurableApplicationContext context) {
		context.getEnvironment()
			.getPropertySources()
			.addLast(new MapPropertySource("statewise test defaults", DEFAULTS));
	}

}
