/** The back office's benchmarks: player search over a million players. */
package dev.croupier.bench.admin;
