/**
 * One command that starts the dev stack and every Croupier app, and stops them all on Ctrl-C or
 * SIGTERM.
 */
package dev.croupier.launcher;
