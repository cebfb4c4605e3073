package io.statewise.gateway.routing;

import java.util.List;
import java.util.function.Function;

import io.statewise.gateway.system.GatewayProperties;
import io.statewise.gateway.system.GatewayProperties.SessionMode;
import io.statewise.support.problem.ProblemException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.util.StringUtils;
import org.springframework.web.ErrorResponseException;

/**
 * Where a browser's session lives in session {@code memory} mode: in the heap of the
 * session-service instance its sticky cookie names. That instance gone, the session is
 * gone, and the browser is told so instead of being moved, unknowing, onto an instance
 * that has never seen it (docs/adr/0016). In {@code redis} mode nothing here applies.
 */
@Component
public class SessionAffinity {

	public static final String SESSION_COOKIE = "SESSION";

	private final SessionMode mode;

	private final String stickyCookie;

	private final LoadBalancerClientFactory balancers;

	private final ReactiveDiscoveryClient discovery;

	SessionAffinity(GatewayProperties properties,
			@Value("${spring.cloud.loadbalancer.sticky-session.instance-id-cookie-name:sc-lb-instance-id}") String stickyCookie,
			LoadBalancerClientFactory balancers, ReactiveDiscoveryClient discovery) {
		this.mode = properties.sessionMode();
		this.stickyCookie = stickyCookie;
		this.balancers = balancers;
		this.discovery = discovery;
	}

	public SessionMode mode() {
		return this.mode;
	}

	public String stickyCookie() {
		return this.stickyCookie;
	}

	/**
	 * The session-service instance holding the request's session: in {@code memory} mode,
	 * when the request carries both a {@code SESSION} cookie and a sticky cookie; else
	 * null (a browser without a session has nothing to lose).
	 */
	public @Nullable String holder(ServerHttpRequest request) {
		return holder((name) -> {
			HttpCookie cookie = request.getCookies().getFirst(name);
			return (cookie != null) ? cookie.getValue() : null;
		});
	}

	/**
	 * The holder from the cookies the load balancer is given with each choice.
	 */
	@Nullable String holder(@Nullable MultiValueMap<String, String> cookies) {
		return (cookies != null) ? holder(cookies::getFirst) : null;
	}

	private @Nullable String holder(Function<String, @Nullable String> cookies) {
		if (this.mode != SessionMode.MEMORY) {
			return null;
		}
		String session = cookies.apply(SESSION_COOKIE);
		String holder = cookies.apply(this.stickyCookie);
		return (StringUtils.hasText(session) && StringUtils.hasText(holder)) ? holder : null;
	}

	/**
	 * Whether the id names one of session-service's configured instances, in rotation or
	 * not.
	 */
	Mono<Boolean> isInstance(String instanceId) {
		return this.discovery.getInstances(GatewayInstances.SESSION_SERVICE)
			.any((instance) -> instanceId.equals(instance.getInstanceId()));
	}

	/**
	 * Completes empty, or fails with {@code 401 Session lost} when the instance holding
	 * the request's session is one of session-service's instances, out of rotation, while
	 * another is in it. Not when no instance is ready: that is an outage with a shared
	 * cause, which may pass, and every instance is then in the list
	 * ({@link AllWhenNoneReady}), the holder answering for itself. Not before the first
	 * readiness round either (it waits for it, as routing does).
	 */
	public Mono<Void> refuseIfLost(ServerHttpRequest request) {
		String holder = holder(request);
		if (holder == null) {
			return Mono.empty();
		}
		Mono<Boolean> known = isInstance(holder);
		Mono<List<ServiceInstance>> ready = this.balancers
			.getInstance(GatewayInstances.SESSION_SERVICE, ServiceInstanceListSupplier.class)
			.get()
			.next();
		return Mono.zip(known, ready)
			.filter((both) -> both.getT1() && gone(holder, both.getT2()))
			.flatMap((gone) -> Mono.error(lost(holder, request)));
	}

	private static boolean gone(String holder, List<ServiceInstance> ready) {
		return !ready.isEmpty() && ready.stream().noneMatch((instance) -> holder.equals(instance.getInstanceId()));
	}

	/**
	 * {@code 401 Session lost}, clearing both cookies so the next request starts afresh.
	 */
	private ErrorResponseException lost(String holder, ServerHttpRequest request) {
		boolean secure = "https".equalsIgnoreCase(request.getURI().getScheme());
		HttpHeaders headers = new HttpHeaders();
		headers.add(HttpHeaders.SET_COOKIE, expired(SESSION_COOKIE, secure));
		headers.add(HttpHeaders.SET_COOKIE, expired(this.stickyCookie, secure));
		ErrorResponseException problem = new ProblemException(HttpStatus.UNAUTHORIZED, "Session lost",
				"Your session lived in the memory of session-service instance " + holder
						+ ", which is no longer available; your login and cart went with it. Log in again."
						+ " (In redis mode sessions survive this.)")
			.headers(headers);
		problem.getBody().setProperty("sessionInstance", holder);
		return problem;
	}

	private static String expired(String name, boolean secure) {
		return ResponseCookie.from(name, "")
			.path("/")
			.maxAge(0)
			.httpOnly(true)
			.secure(secure)
			.sameSite("Lax")
			.build()
			.toString();
	}

}
