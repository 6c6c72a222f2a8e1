/** Reads of the projection for game recall. */
package dev.croupier.gamestore.recall;
