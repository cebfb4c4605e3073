package io.statewise.gateway.edge;

import java.util.List;

/**
 * Who a request belongs to, as session-service said; stored in an exchange attribute for
 * the rest of the request (the rate limiter keys on it).
 */
public record Identity(String userId, List<String> roles) {

	public static final String ATTRIBUTE = Identity.class.getName();

}
