/** JMH benchmarks and load generators; results are written to files, never asserted in tests. */
package dev.croupier.bench;
