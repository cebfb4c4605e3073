/**
 * What every service's OpenAPI description says the same way: errors as problem+json,
 * real media types, the gateway's answers (429, 403, 413), and where the API is reached.
 */
@NullMarked
package io.statewise.support.openapi;

import org.jspecify.annotations.NullMarked;
