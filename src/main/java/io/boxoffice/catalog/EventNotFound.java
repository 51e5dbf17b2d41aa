package io.boxoffice.catalog;

import io.boxoffice.platform.domain.DomainException;

/** No event with that id is visible to the caller (unknown, or someone else's draft). */
class EventNotFound extends DomainException {

    EventNotFound() {
        super(Kind.NOT_FOUND, "not-found", "No such event.");
    }
}
