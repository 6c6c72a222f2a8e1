/** Helpers for reading workflow histories in tests, shipped to other modules in the test-jar. */
package dev.croupier.client.testing;
