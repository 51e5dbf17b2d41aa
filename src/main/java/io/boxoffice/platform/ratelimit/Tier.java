package io.boxoffice.platform.ratelimit;

import io.boxoffice.platform.security.Caller;
import io.boxoffice.platform.security.Role;
import java.util.Locale;
import java.util.Optional;

/** Who is asking, for rate limits: anonymous callers by address, signed-in ones by account and role. */
public enum Tier {
    ANONYMOUS,
    ATTENDEE,
    ORGANIZER,
    PARTNER,
    ADMIN;

    /** The tier of a caller: its most generous role's. */
    static Tier of(Optional<Caller> caller) {
        if (caller.isEmpty()) {
            return ANONYMOUS;
        }
        Caller signedIn = caller.get();
        if (signedIn.has(Role.ADMIN)) {
            return ADMIN;
        }
        if (signedIn.has(Role.PARTNER)) {
            return PARTNER;
        }
        if (signedIn.has(Role.ORGANIZER)) {
            return ORGANIZER;
        }
        return ATTENDEE;
    }

    /** The name in metrics, headers and settings. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
