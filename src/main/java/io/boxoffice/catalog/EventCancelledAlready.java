package io.boxoffice.catalog;

import io.boxoffice.platform.domain.DomainException;

/** A change to an event that was cancelled; cancelled events are final. */
class EventCancelledAlready extends DomainException {

    EventCancelledAlready() {
        super(Kind.CONFLICT, "event-cancelled", "The event is cancelled and can no longer change.");
    }
}
