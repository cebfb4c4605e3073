/**
 * The web store: static HTML, CSS and JavaScript modules served from
 * {@code classpath:/static/} next to the API routes.
 */
@NullMarked
package io.statewise.gateway.store;

import org.jspecify.annotations.NullMarked;
