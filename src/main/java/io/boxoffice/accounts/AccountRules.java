package io.boxoffice.accounts;

import io.boxoffice.platform.domain.InvalidInput;
import io.boxoffice.platform.security.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;

/**
 * The accounts' rules, without Spring or a database: who may sign up as what, when two emails are
 * the same account, which role sets may be given, and what an access token says.
 */
final class AccountRules {

    private AccountRules() {}

    /** Sign-up makes attendees and organizers; partners and administrators are made by an administrator. */
    static Role signUpRole(Role requested) {
        if (requested != Role.ATTENDEE && requested != Role.ORGANIZER) {
            throw new InvalidInput("role", "must be ATTENDEE or ORGANIZER");
        }
        return requested;
    }

    /**
     * The form an email is stored and looked up in: one account per address, whatever its case or
     * the spaces around it. Letters beyond ASCII are lower-cased as Java does, which is not a full
     * Unicode case fold: such an address matches in the case it was signed up with.
     */
    static String normalizeEmail(@Nullable String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    /** The roles an administrator may give: any, but at least one (an account without roles could do nothing). */
    static Set<Role> grantable(@Nullable Set<Role> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new InvalidInput("roles", "must name at least one role");
        }
        return Set.copyOf(roles);
    }

    /**
     * What an access token for {@code account} issued at {@code issuedAt} says: who (the subject is
     * the account id, never the email), its roles sorted (the same roles, the same claim), and for
     * how long; every token has an id of its own.
     */
    static JwtClaimsSet claims(Account account, String issuer, Instant issuedAt, Duration ttl) {
        return JwtClaimsSet.builder()
                .issuer(issuer)
                .subject(account.id().toString())
                .issuedAt(issuedAt)
                .expiresAt(issuedAt.plus(ttl))
                .id(UUID.randomUUID().toString())
                .claim(
                        "roles",
                        account.roles().stream().map(Role::name).sorted().toList())
                .build();
    }
}
