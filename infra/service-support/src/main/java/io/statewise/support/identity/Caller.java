package io.statewise.support.identity;

import java.util.List;

/** A verified caller: a user id and its roles (e.g. {@code customer}, {@code admin}). */
public record Caller(String userId, List<String> roles) {

	/** The request attribute holding the verified caller, set by the services' filter. */
	public static final String ATTRIBUTE = "io.statewise.support.identity.Caller";

	public Caller {
		roles = List.copyOf(roles);
	}

	public boolean hasRole(String role) {
		return this.roles.contains(role);
	}

}
