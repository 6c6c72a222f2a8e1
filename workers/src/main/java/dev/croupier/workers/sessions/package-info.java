/** The game session worker: wiring of the session workflow and its activities on a task queue. */
package dev.croupier.workers.sessions;
