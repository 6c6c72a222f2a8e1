/** The WebSocket load generator: virtual players on the real gateway and the embedded stack. */
package dev.croupier.bench.gateway;
