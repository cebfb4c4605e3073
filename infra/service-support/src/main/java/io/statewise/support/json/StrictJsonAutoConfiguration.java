package io.statewise.support.json;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Request bodies mean what they say: a number where an integer is expected is refused,
 * not truncated ({@code "quantity": 1.5} used to become 1), and a string is not read as a
 * number or a boolean ({@code "quantity": "1"}). Jackson's lenient defaults suit reading
 * other people's JSON; an API that validates its input should see the value the client
 * sent, so the mistake becomes a 400 problem instead of a silently different request.
 * Likewise a number or a boolean is not read as text ({@code "productId": 42}). The same
 * Jackson features as {@code spring.jackson.mapper.allow-coercion-of-scalars} and
 * {@code spring.jackson.deserialization.accept-float-as-int}, set once here for every
 * service.
 */
@AutoConfiguration
@ConditionalOnClass(JsonMapperBuilderCustomizer.class)
public final class StrictJsonAutoConfiguration {

	@Bean
	JsonMapperBuilderCustomizer strictScalars() {
		return (builder) -> builder.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.withCoercionConfig(LogicalType.Textual,
					(text) -> text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
	}

}
