package io.statewise.support.identity;

import io.statewise.support.problem.ProblemException;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * The one reader of a caller's identity in a servlet service: a controller's
 * {@link Caller} parameter is what {@link VerifiedCallerFilter} verified, never a header
 * read again; {@link SignedIn} makes it required.
 */
final class CallerArgumentResolver implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == Caller.class;
	}

	@Override
	public @Nullable Object resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
			NativeWebRequest request, @Nullable WebDataBinderFactory binderFactory) {
		Object caller = request.getAttribute(Caller.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
		SignedIn signedIn = parameter.getParameterAnnotation(SignedIn.class);
		if (caller == null && signedIn != null) {
			throw new ProblemException(HttpStatus.UNAUTHORIZED, signedIn.title(), signedIn.detail());
		}
		return caller;
	}

}
