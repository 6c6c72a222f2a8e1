/** The games players can open: the installed plugins, Temporal game sessions and game info. */
@NullMarked
package dev.croupier.gateway.games;

import org.jspecify.annotations.NullMarked;
