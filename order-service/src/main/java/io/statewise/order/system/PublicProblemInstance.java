package io.statewise.order.system;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * A problem's {@code instance} is the public path of the request that failed
 * ({@code /api/orders/…}, see {@link PublicPaths}); Spring would fill in this instance's
 * own path, which means nothing to a client.
 */
@RestControllerAdvice
class PublicProblemInstance implements ResponseBodyAdvice<Object> {

	private final PublicPaths paths;

	PublicProblemInstance(PublicPaths paths) {
		this.paths = paths;
	}

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public @Nullable Object beforeBodyWrite(@Nullable Object body, MethodParameter returnType,
			MediaType selectedContentType, Class<? extends HttpMessageConverter<?>> selectedConverterType,
			ServerHttpRequest request, ServerHttpResponse response) {
		if (body instanceof ProblemDetail problem && request instanceof ServletServerHttpRequest servlet) {
			HttpServletRequest failed = servlet.getServletRequest();
			URI instance = problem.getInstance();
			if (instance == null || failed.getRequestURI().equals(instance.getPath())) {
				problem.setInstance(URI.create(this.paths.of(failed)));
			}
		}
		return body;
	}

}
