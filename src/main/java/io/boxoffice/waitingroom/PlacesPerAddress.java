package io.boxoffice.waitingroom;

import io.boxoffice.platform.domain.DomainException;
import java.util.Map;

/** One client address already holds as many places in this room as it may. */
final class PlacesPerAddress extends DomainException {

    PlacesPerAddress() {
        super(
                Kind.TOO_MANY_REQUESTS,
                "places-per-address",
                "Too many buyers from this address are already waiting for this event.");
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", "60");
    }
}
