/** The game plugin and seed activities: pure plugin calls and CSPRNG server seeds. */
package dev.croupier.activities.game;
