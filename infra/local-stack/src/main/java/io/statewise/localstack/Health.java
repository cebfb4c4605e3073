package io.statewise.localstack;

/** What a component's own health check says: ready to serve, or not. */
enum Health {

	UP, DOWN, UNKNOWN

}
