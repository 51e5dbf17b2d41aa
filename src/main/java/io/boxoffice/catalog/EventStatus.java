package io.boxoffice.catalog;

/** Where an event is in its lifecycle: only PUBLISHED events are listed and sold. */
public enum EventStatus {
    DRAFT,
    PUBLISHED,
    CANCELLED
}
