/** Live feature flags as every node reads them: the admin.flags topic, its record, the reader. */
package dev.croupier.flags;
