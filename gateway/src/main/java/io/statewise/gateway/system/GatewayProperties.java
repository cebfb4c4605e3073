package io.statewise.gateway.system;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's own settings ({@code statewise.gateway.*}); routes, limits and breakers
 * are Spring Cloud Gateway and Resilience4j properties in {@code application.yml}.
 *
 * @param stickySessions keep a browser on one session-service instance (session
 * {@code memory} mode)
 * @param allowedOrigins origins, besides the gateway's own host, allowed to send
 * state-changing requests (e.g. {@code https://store.example.com} behind a TLS proxy)
 * @param maxRequestSize the largest request body accepted
 * @param introspectionTimeout how long to wait for session-service to say who a cookie
 * belongs to
 */
@ConfigurationProperties("statewise.gateway")
public record GatewayProperties(@DefaultValue("false") boolean stickySessions,
		@DefaultValue List<String> allowedOrigins, @DefaultValue("64KB") DataSize maxRequestSize,
		@DefaultValue("1s") Duration introspectionTimeout) {

}
