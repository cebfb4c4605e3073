package io.statewise.helm;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Fields the Kubernetes model does not know. fabric8 keeps them in each object's
 * {@code additionalProperties} instead of failing, so a misspelt or misplaced field
 * ({@code readinessprobe}, {@code securityContext.runAsNonRoot} at the wrong level) would
 * pass parsing and be dropped or refused by the API server: this walks every object of a
 * parsed manifest and reports each one, with its path.
 */
final class UnknownFields {

	private UnknownFields() {
	}

	static List<String> in(Object resource) {
		List<String> found = new ArrayList<>();
		walk(resource, "", found);
		return found;
	}

	private static void walk(Object value, String path, List<String> found) {
		if (value == null) {
			return;
		}
		if (value instanceof Collection<?> items) {
			int i = 0;
			for (Object item : items) {
				walk(item, path + "[" + i++ + "]", found);
			}
			return;
		}
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, item) -> walk(item, path + "." + key, found));
			return;
		}
		if (!value.getClass().getName().startsWith("io.fabric8.")) {
			return;
		}
		for (Method getter : value.getClass().getMethods()) {
			if (!isGetter(getter)) {
				continue;
			}
			Object property = invoke(getter, value);
			if (getter.getName().equals("getAdditionalProperties")) {
				if (property instanceof Map<?, ?> extra && !extra.isEmpty()) {
					extra.keySet().forEach((key) -> found.add(path + "." + key));
				}
			}
			else {
				walk(property, path + "." + propertyName(getter), found);
			}
		}
	}

	private static boolean isGetter(Method method) {
		return method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers())
				&& method.getName().startsWith("get") && method.getDeclaringClass() != Object.class
				&& !method.getName().equals("getClass");
	}

	private static String propertyName(Method getter) {
		String name = getter.getName().substring(3);
		return Character.toLowerCase(name.charAt(0)) + name.substring(1);
	}

	private static Object invoke(Method getter, Object target) {
		try {
			return getter.invoke(target);
		}
		catch (IllegalAccessException | InvocationTargetException ex) {
			throw new IllegalStateException("Cannot read " + getter, ex);
		}
	}

}
