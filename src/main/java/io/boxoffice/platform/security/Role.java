package io.boxoffice.platform.security;

/**
 * What an account may do: buy tickets, run events, integrate as a partner (a reseller or an app
 * with higher rate limits, granted by an administrator), or administer the platform.
 */
public enum Role {
    ATTENDEE,
    ORGANIZER,
    PARTNER,
    ADMIN
}
