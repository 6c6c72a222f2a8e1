/** Identity's implementation: REST endpoints, services, repositories and security wiring. */
@NullMarked
package dev.croupier.gateway.identity.internal;

import org.jspecify.annotations.NullMarked;
