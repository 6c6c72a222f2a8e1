/** The table event outbox: written with each table step, read by the shared outbox relay. */
package dev.croupier.gamestore.tables;
