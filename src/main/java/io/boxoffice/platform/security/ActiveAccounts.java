package io.boxoffice.platform.security;

import java.util.UUID;

/** Tells whether an account still exists, so tokens of erased accounts stop working at once. */
public interface ActiveAccounts {

    /** Whether the account with this id exists and has not been erased. */
    boolean isActive(UUID accountId);
}
