package io.statewise.localstack;

import java.util.Comparator;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Order;

/**
 * Test classes grouped by the session mode of their stack ({@link StackSessionMode},
 * {@code redis} by default) in the enum's order, then by {@link Order} within a mode: a
 * second stack costs about a minute to start, so each mode's must start only once. The
 * {@code redis} group ends with the test that stops its stack; the {@code memory} stack
 * is stopped when the JVM exits.
 */
public class SessionModeClassOrderer implements ClassOrderer {

	private static final Comparator<ClassDescriptor> ORDER = Comparator.comparing(SessionModeClassOrderer::mode)
		.thenComparingInt(
				(descriptor) -> descriptor.findAnnotation(Order.class).map(Order::value).orElse(Order.DEFAULT));

	@Override
	public void orderClasses(ClassOrdererContext context) {
		context.getClassDescriptors().sort(ORDER);
	}

	static SessionMode mode(ClassDescriptor descriptor) {
		return descriptor.findAnnotation(StackSessionMode.class).map(StackSessionMode::value).orElse(SessionMode.REDIS);
	}

}
