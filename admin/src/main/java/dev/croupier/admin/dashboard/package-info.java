/** The dashboard: the platform at a glance, with charts fed from its own data and metrics. */
package dev.croupier.admin.dashboard;
