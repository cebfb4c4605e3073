package io.statewise.support.problem;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Every {@link ProblemDetail} a controller or exception handler answers leaves in the one
 * shape of {@link ProblemTypes}: Spring's, service-support's and each service's own.
 */
@ControllerAdvice
class ProblemShapeAdvice implements ResponseBodyAdvice<Object> {

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selectedContentType,
			Class<? extends HttpMessageConverter<?>> selectedConverterType, ServerHttpRequest request,
			ServerHttpResponse response) {
		if (body instanceof ProblemDetail problem) {
			String path = (request instanceof ServletServerHttpRequest servlet)
					? servlet.getServletRequest().getRequestURI() : request.getURI().getRawPath();
			ProblemTypes.complete(problem, path);
		}
		return body;
	}

}
