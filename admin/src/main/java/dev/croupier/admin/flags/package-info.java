/** Feature flags that take effect live: the store, the outbox to admin.flags, the page. */
package dev.croupier.admin.flags;
