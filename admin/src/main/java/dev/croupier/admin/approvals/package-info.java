/**
 * Staff balance adjustments with four-eyes approval: the request, the approval workflow's
 * activities and worker, and the pages.
 */
package dev.croupier.admin.approvals;
