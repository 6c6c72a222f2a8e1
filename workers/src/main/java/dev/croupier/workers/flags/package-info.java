/** The live feature flags as this worker node reads them from admin.flags. */
package dev.croupier.workers.flags;
