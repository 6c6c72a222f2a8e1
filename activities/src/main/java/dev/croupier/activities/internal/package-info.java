/** Helpers the activity implementations share; not for use outside this module. */
package dev.croupier.activities.internal;
