package io.boxoffice.catalog;

/** An event was cancelled: it leaves the listing and stops selling. */
public record EventCancelled(Event event) {}
