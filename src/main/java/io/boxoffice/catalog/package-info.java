/**
 * Catalog: venues, events and their ticket types, organizer writes and the draft → published →
 * cancelled lifecycle. {@link io.boxoffice.catalog.Catalog} is its facade; it announces changes as
 * {@link io.boxoffice.catalog.EventPublished}, {@link io.boxoffice.catalog.EventChanged},
 * {@link io.boxoffice.catalog.EventCancelled} and {@link io.boxoffice.catalog.VenueChanged}.
 */
@ApplicationModule(displayName = "Catalog")
package io.boxoffice.catalog;

import org.springframework.modulith.ApplicationModule;
