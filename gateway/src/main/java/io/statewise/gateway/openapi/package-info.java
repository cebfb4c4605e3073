/**
 * The store's public API as a client sees it through the gateway: the services' OpenAPI
 * descriptions, fetched from their management ports, on the gateway's paths and with the
 * gateway's own answers (docs/adr/0017-gateway-openapi-description.md).
 */
@NullMarked
package io.statewise.gateway.openapi;

import org.jspecify.annotations.NullMarked;
