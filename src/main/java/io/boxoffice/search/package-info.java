/**
 * Search: the public listing of published events with full-text, city, category, date and
 * distance filters and keyset pagination. It keeps its own table, fed by the catalog's events.
 */
@ApplicationModule(
        displayName = "Search",
        allowedDependencies = {
            "catalog",
            "platform",
            "platform::cache",
            "platform::domain",
            "platform::jdbc",
            "platform::web"
        })
package io.boxoffice.search;

import org.springframework.modulith.ApplicationModule;
