package io.statewise.localstack;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts the local stack and serves its control API on loopback until Ctrl-C. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LocalStackApplication {

	public static void main(String[] args) {
		SpringApplication.run(LocalStackApplication.class, args);
	}

}
