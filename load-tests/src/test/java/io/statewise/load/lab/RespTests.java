package io.statewise.load.lab;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Redis replies as the lab reads them: a Sentinel's {@code SENTINEL MASTERS} (a list of
 * field lists), an {@code INFO} bulk string, an error.
 */
class RespTests {

	@Test
	void nestedListsShouldBeRead() throws IOException {
		Object reply = Resp.read(in("*1\r\n*4\r\n$4\r\nname\r\n$9\r\nstatewise\r\n$12\r\nconfig-epoch\r\n$1\r\n3\r\n"));

		assertThat(reply).isEqualTo(List.of(List.of("name", "statewise", "config-epoch", "3")));
	}

	@Test
	void bulkStringsIntegersAndNullsShouldBeRead() throws IOException {
		assertThat(Resp.read(in("$11\r\nrole:master\r\n"))).isEqualTo("role:master");
		assertThat(Resp.read(in(":42\r\n"))).isEqualTo(42L);
		assertThat(Resp.read(in("$-1\r\n"))).isNull();
	}

	@Test
	void anErrorShouldNotPassForAnAnswer() {
		assertThatIOException().isThrownBy(() -> Resp.read(in("-ERR unknown command\r\n")))
			.withMessageContaining("ERR unknown command");
	}

	private static ByteArrayInputStream in(String reply) {
		return new ByteArrayInputStream(reply.getBytes(StandardCharsets.UTF_8));
	}

}
