package io.statewise.support.identity;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@link Caller} parameter of a controller method: the request must carry a verified
 * caller, or it is answered {@code 401} with this title and detail before anything else
 * of the request is read (declare the parameter first, before the body). Without it, a
 * {@code Caller} parameter is the verified caller or {@code null}.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SignedIn {

	/** The problem's title (its type follows from it, docs/problems.md). */
	String title() default "Login required";

	/** The problem's detail: what needs a signed-in caller. */
	String detail() default "Log in to use this resource.";

}
