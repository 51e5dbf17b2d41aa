package io.boxoffice.accounts;

import io.boxoffice.platform.security.Role;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A live account as the API shows it; never carries the password hash. */
public record Account(UUID id, String email, String displayName, Set<Role> roles, Instant createdAt) {}
