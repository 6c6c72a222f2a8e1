/**
 * PostTransaction: validating a post, and the group-commit engine that writes many posts in one
 * database transaction while keeping each one idempotent, isolated and durable.
 */
package dev.croupier.wallet.posting;
