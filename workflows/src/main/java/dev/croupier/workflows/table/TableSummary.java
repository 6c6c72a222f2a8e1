package dev.croupier.workflows.table;

import java.util.UUID;

/**
 * A table as the lobby lists it (the gateway's {@code tables.update} entry).
 *
 * @param tableId the table
 * @param name its display name
 * @param stakes the game's short label of its stakes, for poker the blinds as {@code
 *     "<small>/<big>"} in minor units
 * @param currency the currency of every amount
 * @param seats seats at the table
 * @param seated seats taken
 * @param minBuyIn the smallest buy-in
 * @param maxBuyIn the largest buy-in
 * @param game the game and version the table plays, {@code gameId@version}
 */
public record TableSummary(
    UUID tableId,
    String name,
    String stakes,
    String currency,
    int seats,
    int seated,
    long minBuyIn,
    long maxBuyIn,
    String game) {}
