/** JUnit 5 extensions that give tests a real PostgreSQL, Kafka broker and Temporal service. */
package dev.croupier.testsupport;
