/**
 * The back office for ops and compliance: the Spring Boot app, its configuration and its
 * command-line entries (bootstrap of the first admin, audit-chain check).
 */
package dev.croupier.admin;
