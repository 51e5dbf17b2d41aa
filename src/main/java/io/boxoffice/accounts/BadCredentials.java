package io.boxoffice.accounts;

import io.boxoffice.platform.domain.DomainException;

/** Sign-in with an unknown email or a wrong password (deliberately not saying which). */
class BadCredentials extends DomainException {

    BadCredentials() {
        super(Kind.UNAUTHENTICATED, "bad-credentials", "The email or password is wrong.");
    }
}
