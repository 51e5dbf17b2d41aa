package io.boxoffice.catalog;

/** An organizer published an event: it is now listed and on sale. */
public record EventPublished(Event event) {}
