/** JMH benchmarks of the poker plugin: the 7-card hand evaluator. */
package dev.croupier.bench.poker;
