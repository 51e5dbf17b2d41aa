package io.boxoffice.waitingroom;

import io.boxoffice.platform.domain.DomainException;
import java.util.Locale;
import java.util.Map;

/**
 * A queue or admission token that does not hold: missing, malformed, forged (a bad signature or
 * an unknown key), expired, or issued for another account or another event. Nothing is changed.
 */
final class TokenRefused extends DomainException {

    /** Why a token was refused; the problem's {@code reason} and the metric's tag. */
    enum Reason {
        MISSING,
        MALFORMED,
        FORGED,
        EXPIRED,
        OTHER_ACCOUNT,
        OTHER_EVENT;

        String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Reason reason;

    private TokenRefused(String slug, Reason reason, String message) {
        super(Kind.FORBIDDEN, slug, message);
        this.reason = reason;
    }

    /** An order without a valid admission token for an event behind a waiting room. */
    static TokenRefused admission(Reason reason) {
        return new TokenRefused(
                "admission-required",
                reason,
                "This event sells through a waiting room: join the queue at GET /api/v1/events/{id}/queue and"
                        + " order with the Admission-Token it gives you once admitted (" + reason.tag() + ").");
    }

    /** A queue poll with a Queue-Token that does not hold. */
    static TokenRefused queue(Reason reason) {
        return new TokenRefused(
                "queue-token-refused",
                reason,
                "This Queue-Token is not valid for this event and account (" + reason.tag()
                        + "); ask again without it to find your place.");
    }

    Reason reason() {
        return reason;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("reason", reason.tag());
    }
}
