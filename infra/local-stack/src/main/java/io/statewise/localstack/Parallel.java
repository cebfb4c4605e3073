package io.statewise.localstack;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * An action on each of a few components at once (starting, awaiting, stopping the service
 * JVMs), failing as soon as the first action fails: a JVM that exited while starting
 * fails the stack then, not after its siblings have taken minutes to become ready, so a
 * lab or a test waiting for the stack hears of it at once. The actions still running go
 * on in the background; the stack's shutdown stops what they started.
 */
final class Parallel {

	private Parallel() {
	}

	static <T> void run(List<T> items, Consumer<T> action) {
		CompletableFuture<Void> firstFailure = new CompletableFuture<>();
		CompletableFuture<?>[] actions = items.stream()
			.map((item) -> CompletableFuture.runAsync(() -> action.accept(item)).whenComplete((done, failure) -> {
				if (failure != null) {
					firstFailure.completeExceptionally(failure);
				}
			}))
			.toArray(CompletableFuture[]::new);
		try {
			CompletableFuture.anyOf(CompletableFuture.allOf(actions), firstFailure).join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
		}
	}

}
