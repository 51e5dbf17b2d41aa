package io.boxoffice.platform.security;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What the account a token names may do now: its current roles, or nothing once it is erased, so
 * an erasure or a change of roles takes effect on every node at once, not when the token expires.
 */
public interface ActiveAccounts {

    /** The account's current roles; empty if it does not exist or has been erased. */
    Optional<Set<Role>> rolesOf(UUID accountId);
}
