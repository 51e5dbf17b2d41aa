package io.boxoffice.waitingroom;

import io.boxoffice.catalog.Event;
import io.boxoffice.orders.AdmissionCheck;
import io.boxoffice.platform.security.Caller;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The order path's check of admission tokens: a signature and three comparisons. */
@Component
class AdmissionGate implements AdmissionCheck {

    private final Tokens tokens;
    private final Clock clock;
    private final QueueMetrics metrics;

    AdmissionGate(Tokens tokens, Clock clock, QueueMetrics metrics) {
        this.tokens = tokens;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public void check(Caller caller, Event event, @Nullable String admissionToken) {
        try {
            tokens.admission(
                    admissionToken == null ? "" : admissionToken, event.id(), caller.accountId(), clock.instant());
        } catch (TokenRefused refused) {
            metrics.refused(refused, true);
            throw refused;
        }
    }
}
