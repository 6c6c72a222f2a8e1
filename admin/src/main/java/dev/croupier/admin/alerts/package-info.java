/**
 * Compliance alerts: the game context's {@code compliance.alerts} kept in admin's own table, shown
 * to compliance, and resolved by a compliance user with an audited action that lifts the session's
 * hold on bets.
 */
package dev.croupier.admin.alerts;
