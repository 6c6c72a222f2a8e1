/**
 * Four-eyes balance adjustments: a staff member's GRANT or ADJUSTMENT is posted at once, or, over
 * the approval threshold, waits for a second ADMIN's decision until an expiry timer runs out.
 */
package dev.croupier.workflows.approval;
