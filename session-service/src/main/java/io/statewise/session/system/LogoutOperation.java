package io.statewise.session.system;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code POST /api/session/logout} in the OpenAPI description: it is Spring Security's
 * {@code LogoutFilter} (see {@link SecurityConfiguration}), not a controller, so
 * springdoc cannot see it. Runs before service-support's customizer, which adds the
 * answers every operation shares.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class LogoutOperation implements OpenApiCustomizer {

	@Override
	public void customise(OpenAPI api) {
		Operation logout = new Operation().operationId("logout")
			.addTagsItem("logout")
			.summary("Log out: the session and its cart end")
			.responses(new ApiResponses().addApiResponse("204",
					new ApiResponse().description("Logged out (also when there was no session)")));
		api.path("/api/session/logout", new PathItem().post(logout));
	}

}
