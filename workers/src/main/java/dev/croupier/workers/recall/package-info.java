/**
 * Game recall: rebuilds any round from the projection, the workflow history and the ledger, and
 * checks them against each other and against the revealed seed.
 */
package dev.croupier.workers.recall;
