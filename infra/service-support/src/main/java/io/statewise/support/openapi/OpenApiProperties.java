package io.statewise.support.openapi;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import jakarta.validation.constraints.NotBlank;
import org.springframework.validation.annotation.Validated;

/**
 * Where clients reach a service's API, for the {@code servers} of its OpenAPI
 * description: its public paths through the gateway, its {@code /internal/**} paths
 * directly (the gateway never routes them).
 *
 * @param gatewayUrl the gateway, the only door for public paths
 * @param internalUrl the service itself, for {@code /internal/**}; by default
 * {@code http://localhost:<server.port>}
 */
@ConfigurationProperties("statewise.openapi")
@Validated
public record OpenApiProperties(@DefaultValue("http://localhost:8080") @NotBlank String gatewayUrl,
		@DefaultValue("") String internalUrl) {

}
