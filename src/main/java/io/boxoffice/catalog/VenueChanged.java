package io.boxoffice.catalog;

/** A venue's details changed; {@code venue} is the new state. */
public record VenueChanged(Venue venue) {}
