package io.boxoffice.catalog;

import io.boxoffice.accounts.PersonalDataSource;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** An organizer's venues and events, as their part of a GDPR export. */
@Component
class OrganizerData implements PersonalDataSource {

    private final Venues venues;
    private final Events events;

    OrganizerData(Venues venues, Events events) {
        this.venues = venues;
        this.events = events;
    }

    @Override
    public String section() {
        return "catalog";
    }

    @Override
    public Object exportFor(UUID accountId) {
        return Map.of("venues", venues.ownedBy(accountId), "events", events.ownedBy(accountId));
    }
}
