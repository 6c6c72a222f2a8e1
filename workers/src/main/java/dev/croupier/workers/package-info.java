/**
 * Spring Boot app that hosts Temporal workers for game sessions and tables, plus the realtime
 * aggregators.
 */
package dev.croupier.workers;
