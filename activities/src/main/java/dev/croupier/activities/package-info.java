/**
 * Implementations of the activity interfaces declared in workflows: ledger posts, plugin calls and
 * the game projection.
 */
package dev.croupier.activities;
