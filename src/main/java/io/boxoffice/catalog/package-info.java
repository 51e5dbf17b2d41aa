/**
 * Catalog: venues, events and their ticket types, organizer writes and the draft → published →
 * cancelled lifecycle. {@link io.boxoffice.catalog.Catalog} is its facade; it announces changes as
 * {@link io.boxoffice.catalog.EventPublished}, {@link io.boxoffice.catalog.EventChanged},
 * {@link io.boxoffice.catalog.EventCancelled} and {@link io.boxoffice.catalog.VenueChanged}.
 */
@ApplicationModule(
        displayName = "Catalog",
        allowedDependencies = {
            "accounts",
            "platform",
            "platform::cache",
            "platform::domain",
            "platform::id",
            "platform::jdbc",
            "platform::security",
            "platform::web"
        })
package io.boxoffice.catalog;

import org.springframework.modulith.ApplicationModule;
