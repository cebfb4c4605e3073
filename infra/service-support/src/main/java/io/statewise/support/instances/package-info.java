/**
 * Where the instances of a called service are, and which of them are ready: one
 * configuration format and one readiness-checked instance list for Spring Cloud
 * LoadBalancer, for the gateway and for order-service alike
 * (docs/adr/0008-gateway-instances-and-readiness.md).
 */
@NullMarked
package io.statewise.support.instances;

import org.jspecify.annotations.NullMarked;
