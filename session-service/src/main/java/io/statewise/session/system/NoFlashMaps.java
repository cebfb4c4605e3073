package io.statewise.session.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.FlashMapManager;

/**
 * Replaces Spring MVC's default {@code SessionFlashMapManager}, which calls
 * {@code request.getSession(false)} on every request to look for redirect attributes.
 * With Spring Session that read loads the session and then saves it again (four Redis
 * commands), even for {@code /internal/session}, which must cost one and must not extend
 * the session's life. A JSON API never redirects with flash attributes, so there is
 * nothing to look for.
 */
@Component(DispatcherServlet.FLASH_MAP_MANAGER_BEAN_NAME)
class NoFlashMaps implements FlashMapManager {

	@Override
	public @Nullable FlashMap retrieveAndUpdate(HttpServletRequest request, HttpServletResponse response) {
		return null;
	}

	@Override
	public void saveOutputFlashMap(FlashMap flashMap, HttpServletRequest request, HttpServletResponse response) {
		throw new UnsupportedOperationException("This API does not redirect with flash attributes");
	}

}
