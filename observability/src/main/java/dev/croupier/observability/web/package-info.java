/** The management endpoints under Spring Security: open on the loopback management port. */
package dev.croupier.observability.web;
