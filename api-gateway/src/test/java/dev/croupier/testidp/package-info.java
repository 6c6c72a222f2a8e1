/** A real OIDC provider (Spring Authorization Server) that tests start next to the gateway. */
package dev.croupier.testidp;
