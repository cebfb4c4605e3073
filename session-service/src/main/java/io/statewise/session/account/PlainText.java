package io.statewise.session.account;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;

/**
 * Text without control characters (C0, DEL, C1) or unpaired surrogates, checked before
 * any of it reaches a query. PostgreSQL refuses a NUL in text, so such input used to be a
 * server error ({@code 503}) instead of the client's ({@code 400}), and the gateway
 * counted it against the service; the other control characters have no place in an email
 * address or a name (they corrupt logs and screens), and a lone surrogate cannot be
 * encoded in UTF-8 at all.
 */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = "[^\\p{Cc}\\p{Cs}]*")
@ReportAsSingleViolation
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE,
		ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {

	String message() default "must not contain control characters";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
