package io.statewise.order.system;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import jakarta.validation.constraints.Pattern;
import org.springframework.validation.annotation.Validated;

/**
 * Where this service's paths are for its clients. The gateway routes
 * {@code /api/orders/**} here with {@code /api} cut off (its {@code RewritePath}) and
 * forwards no {@code X-Forwarded-Host}, {@code -Proto} or {@code -Prefix}, so a URL built
 * from the request would name this instance ({@code http://127.0.0.1:8083/orders/…}),
 * which clients cannot and must not reach. Answers name public paths instead
 * ({@code /api/orders/…}): references a client resolves against the origin it called.
 *
 * @param prefix what the gateway's route puts before this service's own paths
 */
@ConfigurationProperties("statewise.gateway")
@Validated
public record PublicPaths(@DefaultValue("/api") @Pattern(regexp = "(/[^/]+)*",
		message = "must be empty or a path without a trailing slash, e.g. /api") String prefix) {

	/** The public path of the request being answered. */
	public String of(HttpServletRequest request) {
		return this.prefix + request.getRequestURI();
	}

}
