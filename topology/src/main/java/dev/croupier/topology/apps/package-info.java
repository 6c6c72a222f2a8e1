/**
 * The platform's apps as processes, two of each where they scale out, and the HAProxy in front of
 * the gateways.
 */
package dev.croupier.topology.apps;
