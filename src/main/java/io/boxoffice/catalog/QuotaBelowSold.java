package io.boxoffice.catalog;

import io.boxoffice.platform.domain.DomainException;

/** A quota lowered below the tickets already held or sold. */
class QuotaBelowSold extends DomainException {

    QuotaBelowSold() {
        super(Kind.CONFLICT, "quota-below-sold", "A quota cannot go below the tickets already held or sold.");
    }
}
