/**
 * The database's high availability: etcd, three PostgreSQL nodes under Patroni in strict
 * synchronous mode with WAL archiving, and HAProxy routing writes to the leader, each a supervised
 * process on loopback; with point-in-time recovery of the archive into a new PostgreSQL.
 */
package dev.croupier.topology.db;
