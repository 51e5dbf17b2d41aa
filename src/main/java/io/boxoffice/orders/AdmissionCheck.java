package io.boxoffice.orders;

import io.boxoffice.catalog.Event;
import io.boxoffice.platform.security.Caller;
import org.jspecify.annotations.Nullable;

/**
 * Whether a buyer may order from an event that sells through a waiting room: the waiting-room
 * module answers, from the admission token alone (no database, no Redis).
 */
public interface AdmissionCheck {

    /** Fails with a 403 problem unless {@code admissionToken} admits {@code caller} to {@code event} now. */
    void check(Caller caller, Event event, @Nullable String admissionToken);
}
