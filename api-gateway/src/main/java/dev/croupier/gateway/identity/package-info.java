/**
 * Identity: accounts, password and OIDC login, JWT access tokens, rotating refresh tokens and rate
 * limits. The public types here are what the rest of the gateway reuses; everything else is in
 * {@code .internal}.
 */
@NullMarked
package dev.croupier.gateway.identity;

import org.jspecify.annotations.NullMarked;
