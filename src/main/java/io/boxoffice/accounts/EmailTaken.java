package io.boxoffice.accounts;

import io.boxoffice.platform.domain.DomainException;

/** Sign-up with an email another live account already uses. */
class EmailTaken extends DomainException {

    EmailTaken() {
        super(Kind.CONFLICT, "email-taken", "An account with this email already exists.");
    }
}
