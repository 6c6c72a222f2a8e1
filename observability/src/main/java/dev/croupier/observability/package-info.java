/**
 * What every Croupier app shares to be operable, as a Spring Boot auto-configuration: Actuator and
 * Prometheus on a loopback management port, health that names the dependency that is down, traces
 * through Temporal and gRPC exported over OTLP with a bounded queue, and JSON logs with correlation
 * ids and secrets scrubbed.
 */
package dev.croupier.observability;
