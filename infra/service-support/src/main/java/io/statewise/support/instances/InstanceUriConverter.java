package io.statewise.support.instances;

import java.net.URI;
import java.util.HashMap;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.cloud.client.discovery.simple.InstanceProperties;
import org.springframework.core.convert.converter.Converter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Lets {@code spring.cloud.discovery.client.simple.instances.<service>} take a
 * comma-separated list of URLs, so one environment variable per service lists its
 * instances ({@code STATEWISE_<SERVICE>_INSTANCES}, the same for every caller):
 * {@code http://127.0.0.1:8081?management-port=9081,http://127.0.0.1:8181?management-port=9181}.
 * Query parameters become instance metadata ({@value ManagementPort#METADATA}: where
 * {@link ReadyInstances} asks for readiness); the instance id is {@code host:port}.
 */
@ConfigurationPropertiesBinding
class InstanceUriConverter implements Converter<String, InstanceProperties> {

	@Override
	public InstanceProperties convert(String source) {
		URI uri = URI.create(source.trim());
		boolean secure = "https".equalsIgnoreCase(uri.getScheme());
		int port = (uri.getPort() != -1) ? uri.getPort() : (secure ? 443 : 80);
		InstanceProperties instance = new InstanceProperties();
		instance.setUri(URI.create(uri.getScheme() + "://" + uri.getHost() + ":" + port));
		instance.setHost(uri.getHost());
		instance.setPort(port);
		instance.setSecure(secure);
		instance.setInstanceId(uri.getHost() + ":" + port);
		instance
			.setMetadata(new HashMap<>(UriComponentsBuilder.fromUri(uri).build().getQueryParams().toSingleValueMap()));
		return instance;
	}

}
