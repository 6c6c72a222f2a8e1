/**
 * The Temporal SDK's metrics in Micrometer, and its tracing interceptors on the OpenTelemetry SDK,
 * for the clients and workers of any app.
 */
package dev.croupier.observability.temporal;
