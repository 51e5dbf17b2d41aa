package io.boxoffice.catalog;

/** An event's details or ticket types changed; {@code event} is the new state. */
public record EventChanged(Event event) {}
