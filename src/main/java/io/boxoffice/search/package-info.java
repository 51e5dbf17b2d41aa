/**
 * Search: the public listing of published events with full-text, city, category, date and
 * distance filters and keyset pagination. It keeps its own table, fed by the catalog's events,
 * and a recurring job (jobs) removes the events that ended.
 */
@ApplicationModule(
        displayName = "Search",
        allowedDependencies = {
            "catalog",
            "jobs",
            "platform",
            "platform::cache",
            "platform::domain",
            "platform::jdbc",
            "platform::web"
        })
package io.boxoffice.search;

import org.springframework.modulith.ApplicationModule;
