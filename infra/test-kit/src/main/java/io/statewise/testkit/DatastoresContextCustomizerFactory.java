package io.statewise.testkit;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Reads {@link RealDatastores} from the test class (or its enclosing classes). */
class DatastoresContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		RealDatastores annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass, RealDatastores.class);
		return (annotation != null) ? new DatastoresContextCustomizer(annotation.database(), annotation.redis()) : null;
	}

}
