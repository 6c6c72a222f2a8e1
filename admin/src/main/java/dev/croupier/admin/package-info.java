/**
 * Spring Boot app for ops and compliance: users, balances, feature flags, session inspector, audit
 * log.
 */
package dev.croupier.admin;
