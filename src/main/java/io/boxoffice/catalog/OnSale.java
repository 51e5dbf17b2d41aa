package io.boxoffice.catalog;

import java.time.Instant;

/**
 * When an event's sales open and how: through a waiting room or not, how many buyers the room
 * admits per minute, and how long an admitted buyer has to place an order.
 *
 * @param at when sales open; orders before it are refused
 * @param waitingRoom whether buyers pass the waiting room first (an admission token on every order)
 * @param admissionsPerMinute how many buyers the room admits per minute, adjustable while it runs
 * @param checkoutMinutes how long an admission lasts
 */
public record OnSale(Instant at, boolean waitingRoom, int admissionsPerMinute, int checkoutMinutes) {}
