/** Tests of the web client's own code: its JavaScript modules under Node.js. */
package dev.croupier.gateway.webclient;
