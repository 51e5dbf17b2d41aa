package io.boxoffice.platform.security;

import java.util.Set;
import java.util.UUID;

/** The signed-in account making a request, as its verified token describes it. */
public record Caller(UUID accountId, Set<Role> roles) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    /** Whether the caller holds {@code role}. */
    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Whether the caller is an administrator. */
    public boolean isAdmin() {
        return has(Role.ADMIN);
    }

    /** Whether the caller owns something owned by {@code ownerId} or is an administrator. */
    public boolean mayChange(UUID ownerId) {
        return accountId.equals(ownerId) || isAdmin();
    }
}
