/** Staff accounts, their roles and permissions, and sign-in with a second factor. */
package dev.croupier.admin.staff;
