package io.statewise.gateway.system;

import java.net.ConnectException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeoutException;

import io.statewise.support.problem.ProblemException;
import io.statewise.support.problem.ProblemTypes;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * The one place where anything that went wrong becomes RFC 9457 problem+json: unknown
 * routes, wrong methods, the gateway's own refusals, backend failures that escaped a
 * circuit breaker. Runs before Spring Boot's error handler, which answers plain JSON.
 */
@Component
@Order(-2)
class ProblemExceptionHandler implements WebExceptionHandler {

	private static final Log logger = LogFactory.getLog(ProblemExceptionHandler.class);

	private final ServerResponse.Context context;

	ProblemExceptionHandler(ServerCodecConfigurer codecs) {
		List<HttpMessageWriter<?>> writers = codecs.getWriters();
		this.context = new ServerResponse.Context() {

			@Override
			public List<HttpMessageWriter<?>> messageWriters() {
				return writers;
			}

			@Override
			public List<ViewResolver> viewResolvers() {
				return List.of();
			}

		};
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.error(failure);
		}
		ErrorResponse error = toErrorResponse(failure);
		ProblemDetail problem = error.getBody();
		problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
		ProblemTypes.complete(problem, null);
		exchange.getResponse().getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
		return ServerResponse.status(error.getStatusCode()).headers((headers) -> {
			headers.addAll(error.getHeaders());
			if (error.getStatusCode().value() == 503 && !headers.containsHeader(HttpHeaders.RETRY_AFTER)) {
				headers.set(HttpHeaders.RETRY_AFTER, "1");
			}
		})
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyValue(problem)
			.flatMap((response) -> response.writeTo(exchange, this.context));
	}

	private static ErrorResponse toErrorResponse(Throwable failure) {
		if (failure instanceof ErrorResponse response) {
			HttpStatusCode status = response.getStatusCode();
			if (status.is5xxServerError()) {
				// e.g. "Unable to find instance for order-service": not the browser's
				// business
				response.getBody().setDetail(null);
			}
			return response;
		}
		if (causedBy(failure, TimeoutException.class)) {
			return new ProblemException(HttpStatus.GATEWAY_TIMEOUT, "The service did not answer in time", null);
		}
		if (causedBy(failure, ConnectException.class)) {
			return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "The service is unavailable", null);
		}
		if (causedBy(failure, DataBufferLimitException.class)) {
			return new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "Request too large", null);
		}
		logger.error("Unexpected failure", failure);
		return new ProblemException(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", null);
	}

	private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

}
