/**
 * Flyway migrations for the identity, wallet, game and admin schemas, and the jOOQ code generated
 * from them.
 */
package dev.croupier.db;
