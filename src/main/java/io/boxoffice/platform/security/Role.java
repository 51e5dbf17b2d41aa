package io.boxoffice.platform.security;

/** What an account may do: buy tickets, run events, or administer the platform. */
public enum Role {
    ATTENDEE,
    ORGANIZER,
    ADMIN
}
