package io.boxoffice.platform.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Instants as people at a venue read them: in the venue's IANA time zone, with the zone's
 * abbreviation ({@code Friday 5 March 2027, 19:00 CET}). Pages call it as {@code @times}; the API
 * keeps instants in UTC and names the zone beside them.
 */
@Component("times")
public class LocalTimes {

    private static final DateTimeFormatter LONG =
            DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm z", Locale.ENGLISH);
    private static final DateTimeFormatter SHORT =
            DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm z", Locale.ENGLISH);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss z", Locale.ENGLISH);

    /** {@code Friday 5 March 2027, 19:00 CET}: an event's start on its own page and in emails. */
    public String full(Instant at, String zone) {
        return LONG.format(at.atZone(ZoneId.of(zone)));
    }

    /** {@code Fri 5 Mar 2027, 19:00 CET}: an event's start in a list. */
    public String brief(Instant at, String zone) {
        return SHORT.format(at.atZone(ZoneId.of(zone)));
    }

    /** {@code 19:04:31 CET}: a moment on the day itself (a hold's end, a check-in). */
    public String clock(Instant at, String zone) {
        return CLOCK.format(at.atZone(ZoneId.of(zone)));
    }
}
