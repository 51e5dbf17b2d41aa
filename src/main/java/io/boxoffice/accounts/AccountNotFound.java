package io.boxoffice.accounts;

import io.boxoffice.platform.domain.DomainException;

/** The account no longer exists (it was erased). */
class AccountNotFound extends DomainException {

    AccountNotFound() {
        super(Kind.NOT_FOUND, "not-found", "No such account.");
    }
}
