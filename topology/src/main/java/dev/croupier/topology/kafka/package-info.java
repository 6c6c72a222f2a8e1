/** Three KRaft Kafka brokers with the platform's topics replicated three times. */
package dev.croupier.topology.kafka;
