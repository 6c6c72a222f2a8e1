/**
 * The player WebSocket gateway on {@code /ws}: protocol croupier.v1 (PROTOCOL.md), its limits, and
 * the sockets that realtime feeds push to.
 */
@NullMarked
package dev.croupier.gateway.ws;

import org.jspecify.annotations.NullMarked;
