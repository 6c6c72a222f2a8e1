/**
 * The game adaptor contract every game implements: pure, deterministic functions of the session
 * state, the wager and the committed random draws, which say what must be posted but move no money.
 */
package dev.croupier.games.api;
