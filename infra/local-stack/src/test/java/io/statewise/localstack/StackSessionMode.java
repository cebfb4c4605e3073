package io.statewise.localstack;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The session mode of the stack a test class runs against; without it, {@code redis}.
 * {@link LocalStackExtension} runs one stack at a time, each mode's started once and
 * reused by every class of that mode; {@link SessionModeClassOrderer} runs the classes of
 * one mode together, {@code redis} first, so that each mode's stack starts only once.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(LocalStackExtension.class)
public @interface StackSessionMode {

	SessionMode value();

}
