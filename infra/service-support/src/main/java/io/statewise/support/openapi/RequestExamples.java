package io.statewise.support.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.core.Ordered;

/**
 * Gives every JSON request body a whole example, assembled from the examples of its
 * schema's properties ({@code @Schema(example = ...)} on the record components), so that
 * contract-testing tools and the generative bad-input test have a valid request to start
 * from without each operation repeating its body in an annotation.
 */
final class RequestExamples implements OpenApiCustomizer, Ordered {

	private static final int MAX_DEPTH = 8;

	@Override
	public void customise(OpenAPI api) {
		if (api.getPaths() == null) {
			return;
		}
		Map<String, Schema> schemas = (api.getComponents() != null && api.getComponents().getSchemas() != null)
				? api.getComponents().getSchemas() : Map.of();
		api.getPaths()
			.values()
			.forEach((item) -> item.readOperations().forEach((operation) -> customise(operation, schemas)));
	}

	private void customise(Operation operation, Map<String, Schema> schemas) {
		if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
			return;
		}
		MediaType json = operation.getRequestBody().getContent().get(ProblemResponses.JSON);
		if (json != null && json.getExample() == null && (json.getExamples() == null || json.getExamples().isEmpty())
				&& json.getSchema() != null) {
			Object example = example(json.getSchema(), schemas, 0);
			if (example != null) {
				json.setExample(example);
			}
		}
	}

	private static @Nullable Object example(Schema<?> schema, Map<String, Schema> schemas, int depth) {
		Schema<?> resolved = resolve(schema, schemas);
		if (resolved == null || depth > MAX_DEPTH) {
			return null;
		}
		if (resolved.getExample() != null) {
			return resolved.getExample();
		}
		if (resolved.getProperties() != null) {
			Map<String, Object> object = new LinkedHashMap<>();
			resolved.getProperties().forEach((name, property) -> {
				Object value = example(property, schemas, depth + 1);
				if (value != null) {
					object.put(name, value);
				}
			});
			return object.isEmpty() ? null : object;
		}
		if (resolved.getItems() != null) {
			Object item = example(resolved.getItems(), schemas, depth + 1);
			return (item != null) ? List.of(item) : null;
		}
		return null;
	}

	private static @Nullable Schema<?> resolve(Schema<?> schema, Map<String, Schema> schemas) {
		String ref = schema.get$ref();
		if (ref == null) {
			return schema;
		}
		return schemas.get(ref.substring(ref.lastIndexOf('/') + 1));
	}

	@Override
	public int getOrder() {
		// after the services' own customizers, before ProblemResponses
		return Ordered.LOWEST_PRECEDENCE - 1;
	}

}
