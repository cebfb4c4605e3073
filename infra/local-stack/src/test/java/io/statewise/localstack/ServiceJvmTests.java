package io.statewise.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Which Java the services run on: the newest 21+ found, else the launcher's own. */
class ServiceJvmTests {

	@TempDir
	Path jvms;

	private final ServiceJvm launcher = new ServiceJvm(Path.of("/opt/jdk-17/bin/java"), "17.0.15");

	@Test
	void theNewestJava21OrLaterShouldBeChosen() throws IOException {
		List<Path> homes = List.of(home("jdk-17", "17.0.15"), home("jdk-25", "25.0.3"), home("jdk-21", "21.0.9"),
				this.jvms.resolve("not-a-jdk"));
		ServiceJvm chosen = ServiceJvm.choose(null, homes, this.launcher);
		assertThat(chosen.version()).isEqualTo("25.0.3");
		assertThat(chosen.executable()).isEqualTo(this.jvms.resolve("jdk-25/bin/java"));
	}

	@Test
	void withoutJava21TheLaunchersOwnShouldRunTheServices() throws IOException {
		assertThat(
				ServiceJvm.choose(null, List.of(home("jdk-11", "11.0.2"), home("other-17", "17.0.1")), this.launcher))
			.isSameAs(this.launcher);
	}

	@Test
	void aLauncherAlreadyNewestShouldBeKept() throws IOException {
		ServiceJvm launcher25 = new ServiceJvm(Path.of("/opt/jdk-25/bin/java"), "25.0.1");
		assertThat(ServiceJvm.choose(null, List.of(home("jdk-21", "21.0.9")), launcher25)).isSameAs(launcher25);
	}

	@Test
	void aJavaNamedOnTheCommandLineShouldWinWhateverItsVersion() throws IOException {
		Path java = home("jdk-17", "17.0.15").resolve("bin/java");
		home("jdk-25", "25.0.3");
		ServiceJvm chosen = ServiceJvm.choose(java, List.of(this.jvms.resolve("jdk-25")), this.launcher);
		assertThat(chosen).isEqualTo(new ServiceJvm(java, "17.0.15"));
	}

	private Path home(String name, String version) throws IOException {
		Path home = this.jvms.resolve(name);
		Files.createDirectories(home.resolve("bin"));
		Path java = Files.writeString(home.resolve("bin/java"), "#!/bin/sh\n");
		Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
		return home;
	}

}
