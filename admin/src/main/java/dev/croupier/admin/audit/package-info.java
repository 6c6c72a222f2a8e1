/** The append-only, hash-chained audit log of every staff action and personal-data view. */
package dev.croupier.admin.audit;
