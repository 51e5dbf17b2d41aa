package io.boxoffice.catalog;

import io.boxoffice.platform.domain.DomainException;

/** No venue with that id exists. */
class VenueNotFound extends DomainException {

    VenueNotFound() {
        super(Kind.NOT_FOUND, "not-found", "No such venue.");
    }
}
