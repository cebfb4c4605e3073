package io.statewise.localstack;

import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The control API's port moves with the rest of the stack ({@code --stack.port-offset}):
 * 9000 plus the offset, unless {@code server.port} is given (the tests take a random
 * one).
 */
@Component
class ControlPort implements WebServerFactoryCustomizer<ConfigurableWebServerFactory>, Ordered {

	private final StackProperties stack;

	private final Environment environment;

	ControlPort(StackProperties stack, Environment environment) {
		this.stack = stack;
		this.environment = environment;
	}

	@Override
	public void customize(ConfigurableWebServerFactory factory) {
		if (!this.environment.containsProperty("server.port")) {
			factory.setPort(this.stack.port(this.stack.ports().control()));
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
