/** The conformance kit: an abstract JUnit test every game plugin's test extends. */
package dev.croupier.games.api.conformance;
