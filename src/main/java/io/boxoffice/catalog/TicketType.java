package io.boxoffice.catalog;

import java.util.UUID;

/** A kind of ticket an event sells: its price, how many exist, and how many one order may take. */
public record TicketType(UUID id, String name, long priceCents, String currency, int quota, int maxPerOrder) {}
