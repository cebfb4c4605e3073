package io.statewise.gateway.openapi;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import jakarta.validation.constraints.NotBlank;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway composes the store's OpenAPI description
 * ({@code statewise.gateway.openapi.*}).
 *
 * @param refresh how long a service's description is used before it is fetched again
 * @param fetchTimeout how long to wait for a service's description
 * @param publicUrl the gateway's public address, the {@code servers} entry of the copy on
 * the management port (the copy at {@code /api/openapi.json} names the gateway
 * relatively, {@code /}, whatever address a client used)
 */
@ConfigurationProperties("statewise.gateway.openapi")
@Validated
record OpenApiProperties(@DefaultValue("1m") @DurationMin(millis = 0) Duration refresh,
		@DefaultValue("3s") @DurationMin(millis = 1) Duration fetchTimeout,
		@DefaultValue("http://localhost:8080") @NotBlank String publicUrl) {

}
