/** How staff accounts and sign-in failures are stored, and the cryptography behind them. */
package dev.croupier.admin.staff.internal;
