/** Spring Boot app: identity (REST /auth), the player WebSocket gateway and the web client. */
package dev.croupier.gateway;
