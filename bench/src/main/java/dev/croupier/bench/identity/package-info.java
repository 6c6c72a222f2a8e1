/** Identity benchmark: password-login throughput (KDF-bound) and access-token validations. */
package dev.croupier.bench.identity;
