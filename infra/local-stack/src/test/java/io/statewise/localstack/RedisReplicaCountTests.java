package io.statewise.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A data folder keeps the Redis replica count it was made with: the Sentinels in it
 * remember every replica, so another count is refused, naming {@code --fresh}.
 */
class RedisReplicaCountTests {

	@TempDir
	Path dir;

	@Test
	void aNewFolderShouldTakeAnyCountAndKeepIt() {
		RedisReplicaCount.keep(this.dir.resolve("redis"), 2);

		assertThat(this.dir.resolve("redis/replicas")).content().isEqualTo("2");
		RedisReplicaCount.keep(this.dir.resolve("redis"), 2);
	}

	@Test
	void anotherCountShouldBeRefusedNamingFresh() {
		RedisReplicaCount.keep(this.dir, 2);

		assertThatIllegalStateException().isThrownBy(() -> RedisReplicaCount.keep(this.dir, 1))
			.withMessageContaining("made with 2 replica(s), not 1")
			.withMessageContaining("--fresh");
	}

	@Test
	void aFolderFromBeforeTheOptionShouldCountAsOneReplica() throws IOException {
		Files.createDirectories(this.dir.resolve("redis-1"));

		RedisReplicaCount.keep(this.dir, 1);
		assertThatIllegalStateException().isThrownBy(() -> RedisReplicaCount.keep(this.dir, 2));
	}

}
