package io.boxoffice.catalog;

import io.boxoffice.platform.domain.DomainException;

/** Publishing an event that is not ready: no ticket types, or already started. */
class NotPublishable extends DomainException {

    NotPublishable(String reason) {
        super(Kind.CONFLICT, "not-publishable", reason);
    }
}
