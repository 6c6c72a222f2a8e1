/** Kafka client settings and JSON shared by the realtime aggregators. */
package dev.croupier.realtime.internal;
