/**
 * The production-shaped topology on one machine: each real component (Patroni, etcd, HAProxy, the
 * Temporal server, Kafka brokers, the apps) as a supervised process on loopback.
 */
package dev.croupier.topology;
