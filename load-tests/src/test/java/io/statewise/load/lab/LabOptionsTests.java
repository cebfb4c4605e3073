package io.statewise.load.lab;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Bad input is refused with a clear message before anything starts (issue 24, item 5).
 */
class LabOptionsTests {

	@Test
	void unknownExperimentShouldBeRefusedNamingTheKnownOnes() {
		assertThatIllegalArgumentException().isThrownBy(() -> LabOptions.parse("--experiments=E1,E9"))
			.withMessageContaining("Unknown experiment 'E9'")
			.withMessageContaining("E7");
	}

	@Test
	void unknownOptionShouldBeRefusedWithTheUsage() {
		assertThatIllegalArgumentException().isThrownBy(() -> LabOptions.parse("--repetitons=3"))
			.withMessageContaining("Unknown option '--repetitons'")
			.withMessageContaining("--repetitions=3");
	}

	@Test
	void faultAfterTheLoadShouldBeRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> LabOptions.parse("--duration=10", "--fault-at=30"))
			.withMessageContaining("after the load ends");
	}

	@Test
	void negativeWarmUpShouldBeRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> LabOptions.parse("--warm-up=-1"))
			.withMessageContaining("--warm-up must be at least 0");
	}

	@Test
	void aRateThatIsNoPositiveNumberShouldBeRefusedNamingItsOption() {
		assertThatIllegalArgumentException().isThrownBy(() -> LabOptions.parse("--rate=0"))
			.withMessageContaining("--rate must be above 0");
		assertThatIllegalArgumentException().isThrownBy(() -> LabOptions.parse("--stage-rate=fast"))
			.withMessageContaining("--stage-rate must be a number, not 'fast'");
	}

	@Test
	void theFaultsRateAndE5sStepShouldBeSetApart() {
		LabOptions options = LabOptions.parse("--experiments=E1,E5");

		assertThat(options.rate()).isEqualTo(3);
		assertThat(options.stageRate()).isEqualTo(5);
		assertThat(LabOptions.parse("--stage-rate=2.5").stageRate()).isEqualTo(2.5);
	}

	@Test
	void aFaultAfterTheLoadShouldNotConcernExperimentsWithoutAFault() {
		assertThat(LabOptions.parse("--experiments=E5,E7", "--duration=12").duration()).isEqualTo(12);
	}

	@Test
	void e5StagesShorterThanASecondShouldBeRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LabOptions.parse("--experiments=E5", "--duration=4", "--stages=5"))
			.withMessageContaining("each of E5's stages needs at least a second");
	}

	@Test
	void shortLabShouldRunOnceForSeconds() {
		LabOptions options = LabOptions.parse("--short", "--experiments=e2");

		assertThat(options.repetitions()).isEqualTo(1);
		assertThat(options.loadSeconds()).isLessThan(15);
		assertThat(options.experiments()).containsExactly(Experiment.E2);
	}

}
