package io.statewise.embedded;

/** A network address of one server. */
public record HostPort(String host, int port) {

	@Override
	public String toString() {
		return this.host + ":" + this.port;
	}

}
