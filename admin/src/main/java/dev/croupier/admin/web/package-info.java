/**
 * What every page shares: security (session, CSRF, CSP), the permission check on each endpoint,
 * error pages and problem details.
 */
package dev.croupier.admin.web;
